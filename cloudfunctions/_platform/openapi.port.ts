/** The WeChat open APIs the core uses, behind one typed port (the SDK types them `any`). */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * security.msgSecCheck v2 scenes: 1 资料 (profile: nickname, bio), 2 评论 (comment), 3 论坛 (forum post),
 * 4 社交日志 (social log).
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social';

/** WeChat's verdict: pass; review (a human should look); risky (refuse). */
export type ContentSuggest = 'pass' | 'review' | 'risky';

export interface ContentCheckResult {
  suggest: ContentSuggest;
  /** True only for `pass` (kept for callers that need a yes/no). */
  pass: boolean;
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud... */
  label: number;
}

/**
 * security.mediaCheckAsync's answer arrives later as a message-push event (`wxa_media_check`) to the function
 * named in the environment's 消息推送 settings; this is the part of it the core reads.
 */
export interface MediaCheckResult {
  traceId: string;
  suggest: ContentSuggest;
  label: number;
}

export interface OpenApiPort {
  sendSubscribeMessage(msg: SubscribeMessage): Promise<void>;
  /** wxacode.getUnlimited: scene at most 32 characters, page without a query. Returns a PNG. */
  getUnlimitedCode(args: { scene: string; page: string; width?: number }): Promise<Buffer>;
  /**
   * security.msgSecCheck v2: the author's openid (who must have used the mini-program within 2 hours), the
   * text (at most 2,500 characters) and its scene. Needs `security.msgSecCheck` in the function's config.json.
   */
  checkText(args: { openid: string; content: string; scene: ContentScene }): Promise<ContentCheckResult>;
  /**
   * security.mediaCheckAsync (v2): starts an image check of `mediaUrl` (a URL WeChat can fetch); the verdict
   * comes later as a MediaCheckResult event. Needs `security.mediaCheckAsync` in the function's config.json.
   */
  mediaCheckAsync(args: { openid: string; mediaUrl: string; mediaType: 'image'; scene: ContentScene }): Promise<{ traceId: string }>;
}
