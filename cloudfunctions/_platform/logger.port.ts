/** Structured logs: one JSON object per line (WeChat's console indexes them as text). */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(base: Record<string, unknown> = {}, sink: (line: string) => void = console.log): Logger {
  const write = (level: string) => (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ level, event, ...base, ...fields }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
