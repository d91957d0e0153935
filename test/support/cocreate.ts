import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberLayer } from '../../cloudfunctions/_core/scoring/scoring-config.schema';
import { KOC_CONSENT_VERSION } from '../../cloudfunctions/_core/koc/koc.schema';
import type { MediaCheckDelivery } from '../../cloudfunctions/_platform/local/local-openapi';
import { call, rid } from './community';
import { ok } from './test-cloud';

/** The KOC programme's own path to the co_creator role: the member applies, an operator approves. */
export async function grantCocreator(cloud: LocalCloud, operator: string, openid: string): Promise<string> {
  const koc = <T>(who: string, action: string, input: Record<string, unknown>) => cloud.call<T>('koc', { action, input }, who);
  ok(await koc(openid, 'apply', { city: '上海', plan: '想发起会员周边的共创投票', links: [], wanted: ['co_creator'], consent: { accepted: true, version: KOC_CONSENT_VERSION } }));
  const id = ok(await koc<{ items: { applicationId: string; status: string }[] }>(operator, 'applications', {})).items.find((a) => a.status === 'pending')!.applicationId;
  ok(await koc(operator, 'review', { applicationId: id, decision: 'approve', roles: ['co_creator'], reason: '社群活跃，欢迎发起共创' }));
  return id;
}

/**
 * Takes the image check's answers into the test's hands: mediaCheckAsync hands out trace ids without
 * answering; `answer(fileId, suggest)` then delivers the verdict the way WeChat's message push does.
 */
export function manualMediaChecks(cloud: LocalCloud) {
  let n = 0;
  cloud.openapi.mediaCheckAsync = async () => ({ traceId: `manual-trace-${(n += 1).toString().padStart(4, '0')}` });
  const traceOf = async (fileId: string) => (await cloud.db.collection('media_checks').where({ fileId }).get()).data[0]._id;
  return {
    traceOf,
    push: (traceId: string, suggest: MediaCheckDelivery['suggest'], openid = 'o-wechat') => cloud.pushMediaCheck({ traceId, suggest, label: suggest === 'pass' ? 100 : 20002, openid }),
    answer: async (fileId: string, suggest: MediaCheckDelivery['suggest']) => cloud.pushMediaCheck({ traceId: await traceOf(fileId), suggest, label: 100, openid: 'o-wechat' }),
  };
}

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
