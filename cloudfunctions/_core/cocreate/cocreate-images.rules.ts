/**
 * Pure decisions about a member host's images in polls and panels (the media check holds them until every
 * image passed): what the host is told, and who may see an image.
 */
import type { ImageCheck, ImageHold } from './cocreate.record';

export type HeldKind = 'poll' | 'panel';

const WHAT: Record<HeldKind, string> = { poll: '投票', panel: '新品测试' };

export const HOLD_NOTES = {
  checking: '图片正在安全检查，通过后自动公开',
  review: '图片正在人工审核，通过后自动公开',
  risky: (k: HeldKind) => `图片未通过安全检查，${WHAT[k]}未发布`,
  refused: (note: string) => `图片未通过人工审核：${note}`,
  late: (k: HeldKind) => `审核未在截止时间前完成，${WHAT[k]}未发布`,
  withdrawn: (k: HeldKind) => `品牌运营已撤下这个${WHAT[k]}`,
  erased: (k: HeldKind) => `发起人已注销，${WHAT[k]}未发布`,
} as const;

/** The hold a new poll or panel starts with: only a member host's images wait (an operator's are the brand's). */
export const initialHold = (memberHost: boolean, images: number): ImageHold | null => (memberHost && images > 0 ? { state: 'checking', note: HOLD_NOTES.checking } : null);

/**
 * The hold as the host sees it now. A poll or panel still held at its closing time never opens (publishing it
 * then would give members no time at all), so past that time a pending hold reads as not published.
 */
export function holdAsOf(hold: ImageHold | null | undefined, kind: HeldKind, closesAt: Date, now: Date): ImageHold | null {
  if (!hold) return null;
  if (hold.state !== 'rejected' && now.getTime() >= closesAt.getTime()) return { state: 'rejected', note: HOLD_NOTES.late(kind) };
  return hold;
}

/** Others see a member host's image only once it passed (an operator's image has no check); the host always sees theirs. */
export const imageVisible = (check: ImageCheck | undefined, isHost: boolean): boolean => isHost || check === undefined || check === 'pass';

/** Every image of the poll or panel passed: it may be published. */
export const allPassed = (checks: readonly (ImageCheck | undefined)[]): boolean => checks.every((c) => c === undefined || c === 'pass');
