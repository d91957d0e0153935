import { createHash } from 'node:crypto';

/** Deterministic order numbers (32 chars: WeChat's out_trade_no limit): a retried request is the same order. */
export function dealOrderNo(kind: 'group' | 'flash', openid: string, requestId: string): string {
  const prefix = kind === 'group' ? 'GB' : 'FS';
  return prefix + createHash('sha256').update(`${kind}:${openid}:${requestId}`).digest('hex').slice(0, 30);
}

/** A group's id comes from its leader's order: 12 base32 characters, short enough for a share scene. */
export function groupIdOf(leaderOrderNo: string): string {
  const bytes = createHash('sha256').update(`group:${leaderOrderNo}`).digest();
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[bytes[i] % 32];
  return out;
}

