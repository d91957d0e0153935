import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberLayer } from '../../cloudfunctions/_core/scoring/scoring-config.schema';
import { call, rid } from './community';
import { ok } from './test-cloud';

/** Puts a member into layers as the nightly scoring job would (member_layers/{openid}). */
export async function setLayers(cloud: LocalCloud, openid: string, layers: MemberLayer[], total = 100): Promise<void> {
  await cloud.db.collection('member_layers').doc(openid).set({ data: { _openid: openid, day: '2026-11-22', layers, total, before: [], updatedAt: new Date() } });
}

export async function setTier(cloud: LocalCloud, openid: string, tierCode: string): Promise<void> {
  await cloud.db.collection('members').doc(openid).update({ data: { tierCode } });
}

export interface PollOut {
  pollId: string;
  state: string;
  final: boolean;
  votes: number;
  voters: number;
  options: { optionId: string; label: string; votes: number; percent: number; winner: boolean; mine: boolean }[];
  mine: { budget: number; used: number } | null;
}

export async function openPoll(cloud: LocalCloud, operator: string, overrides: Record<string, unknown> = {}): Promise<PollOut> {
  return ok(
    await call<PollOut>(cloud, operator, 'openPoll', {
      requestId: rid(),
      title: '2027 春季限定口味',
      subject: 'flavour',
      productName: '春季限定酸奶',
      creditLine: '名字印在春季新品吊牌上',
      options: [{ label: '樱花白桃' }, { label: '青柠薄荷' }, { label: '桂花乌龙' }, { label: '海盐荔枝' }],
      closesAt: '2026-11-30T00:00:00Z',
      ...overrides,
    }),
  );
}
