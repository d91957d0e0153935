/** Pure decisions of co-creation polls: a member's vote budget, a poll's state, its winners. */
import type { MemberLayer } from '../scoring/scoring-config.schema';
import type { CocreateConfig } from './cocreate-config.schema';

/**
 * Votes a member has in one poll: the largest of the base, their tier's entry and their layers' entries,
 * and never more than the poll's options (a member gives each option at most one vote).
 */
export function voteBudget(config: CocreateConfig['polls'], tierCode: string, layers: readonly MemberLayer[], optionCount: number): number {
  const v = config.votes;
  const byLayer = layers.map((l) => v.layers[l] ?? 0);
  const byTier = v.tiers.find((t) => t.code === tierCode)?.votes ?? 0;
  return Math.min(optionCount, Math.max(v.base, byTier, ...byLayer));
}

export type PollState = 'held' | 'upcoming' | 'open' | 'ended';

/** A held poll (a member host's images in the media check) is neither open nor ended: it has not been published. */
export function pollState(p: { status: 'held' | 'open' | 'closed'; opensAt: Date; closesAt: Date }, now: Date): PollState {
  if (p.status === 'held') return 'held';
  if (p.status === 'closed' || now.getTime() >= p.closesAt.getTime()) return 'ended';
  return now.getTime() < p.opensAt.getTime() ? 'upcoming' : 'open';
}

/** The options with the most votes (ties share the win); none when nobody voted. */
export function winnersOf(tally: Readonly<Record<string, number>>): string[] {
  const best = Math.max(0, ...Object.values(tally));
  if (best === 0) return [];
  return Object.keys(tally).filter((k) => tally[k] === best);
}

/** Whole percentages of the total (0 when nobody voted); the largest remainders make them add to 100. */
export function percentages(tally: Readonly<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(tally);
  const total = keys.reduce((s, k) => s + tally[k], 0);
  if (total === 0) return Object.fromEntries(keys.map((k) => [k, 0]));
  const raw = keys.map((k) => ({ k, floor: Math.floor((tally[k] * 100) / total), rem: (tally[k] * 100) % total }));
  let left = 100 - raw.reduce((s, r) => s + r.floor, 0);
  const out: Record<string, number> = Object.fromEntries(raw.map((r) => [r.k, r.floor]));
  for (const r of [...raw].sort((a, b) => b.rem - a.rem)) {
    if (left <= 0) break;
    if (r.rem > 0) {
      out[r.k] += 1;
      left -= 1;
    }
  }
  return out;
}

/** Shards a poll's votes are counted on: enough that voters rarely collide, few enough for one closing transaction. */
export const POLL_GATE_SHARDS = 128;

/** The shard a member's votes are counted on (FNV-1a of the openid: stable, spread evenly). */
export function gateShard(openid: string, shards: number = POLL_GATE_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < openid.length; i++) h = Math.imul(h ^ openid.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** The final result from the shards' counts (the options of the poll, in order; missing counts are 0). */
export function sumShards(optionIds: readonly string[], shards: readonly { tally: Readonly<Record<string, number>> }[]): { tally: Record<string, number>; total: number; winners: string[] } {
  const tally = Object.fromEntries(optionIds.map((id) => [id, shards.reduce((s, g) => s + (g.tally[id] ?? 0), 0)]));
  return { tally, total: Object.values(tally).reduce((s, n) => s + n, 0), winners: winnersOf(tally) };
}
