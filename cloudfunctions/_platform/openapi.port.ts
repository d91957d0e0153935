/** The WeChat open APIs the core uses, behind one typed port (the SDK types them `any`). */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface ContentCheckResult {
  pass: boolean;
  /** WeChat's label, e.g. 100 normal, 20001 politics... the local fake answers 100 or 20006. */
  label: number;
}

export interface OpenApiPort {
  sendSubscribeMessage(msg: SubscribeMessage): Promise<void>;
  /** wxacode.getUnlimited: scene at most 32 characters, page without a query. Returns a PNG. */
  getUnlimitedCode(args: { scene: string; page: string; width?: number }): Promise<Buffer>;
  /** security.msgSecCheck v2. */
  checkText(args: { openid: string; content: string }): Promise<ContentCheckResult>;
}
