/**
 * `messages.report`, what the operators' page 运营消息 shows: every layer message with its state in Chinese, its
 * layers by name, its send time, the queuing counts and the outbox outcomes, latest send time first. Only an
 * operator reads it: a member, a clerk and a visitor get FORBIDDEN and nothing is written.
 */
import type { LayerMessagesReportView } from '../../cloudfunctions/_core/messaging/layer-messages-report.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { setLayers } from '../support/cocreate';
import { registerMany } from '../support/groupbuy';
import { grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const TPL = 'TPL_NOTICE';
const MESSAGE = {
  title: '新品试用招募',
  audience: { layers: ['super'] },
  templateId: TPL,
  data: { thing1: '新品试用招募：冬季拼配' },
  page: 'pages/index/index',
  sendAt: '2026-11-23 10:00',
};

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('app_config').doc('message_templates').set({ data: { couponExpiry: 'TPL_EXPIRY', operatorNotices: [TPL] } });
  cloud.clock.set(new Date('2026-11-23T02:30:00Z')); // 10:30 Beijing
  await registerMany(cloud, 'o-', 3);
  for (const id of ['o-0', 'o-1', 'o-2']) await setLayers(cloud, id, ['super']);
  ok(await cloud.call('coupons', { action: 'subscribe', input: { template: TPL, requestId: 'sub-000001' } }, 'o-0'));
  await grantRole(cloud, 'o-op', 'operator', null);
  await grantRole(cloud, 'o-clerk', 'clerk');
  const set = (id: string, doc: Record<string, unknown>) => cloud.db.collection('layer_messages').doc(id).set({ data: doc });
  await set('sent-today', MESSAGE);
  await set('tomorrow', { ...MESSAGE, title: '周末品鉴会邀请', audience: { layers: ['super', 'high_value'] }, sendAt: '2026-11-24 19:00' });
  await set('paused', { ...MESSAGE, title: '停用的消息', active: false, sendAt: '2026-11-22 12:00' });
  ok(await cloud.trigger('messages', 'sender'));
});
afterEach(() => cloud.close());

const report = (openid: string) => cloud.call<LayerMessagesReportView>('messages', { action: 'report', input: {} }, openid);

it('gives an operator each message with its state, layers, send time and counts, latest send time first', async () => {
  const { messages } = ok(await report('o-op'));
  expect(messages.map((m) => [m.title, m.state, m.stateText, m.layers])).toEqual([
    ['周末品鉴会邀请', 'scheduled', '未到发送时间', ['超级用户', '高净值']],
    ['新品试用招募', 'done', '已排完', ['超级用户']],
    ['停用的消息', 'inactive', '已停用', ['超级用户']],
  ]);
  const sent = messages[1];
  // Three 超级用户, one subscribed to the operators' notices: one sent, two skipped.
  expect(sent).toMatchObject({ sendAt: '2026-11-23T02:00:00.000Z', members: 3, queued: 3, outsideAudience: 0, delivery: { pending: 0, sent: 1, skipped: 2, failed: 0 } });
  expect(sent.finishedAt).toBe('2026-11-23T02:30:00.000Z');
  expect(messages[0]).toMatchObject({ sendAt: '2026-11-24T11:00:00.000Z', members: 0, queued: 0, finishedAt: null, delivery: { pending: 0, sent: 0, skipped: 0, failed: 0 } });
});

it('refuses a member, a clerk and a visitor with FORBIDDEN and writes nothing', async () => {
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const c of ['layer_messages', 'layer_message_runs', 'message_outbox']) out[c] = (await cloud.db.collection(c).where({}).limit(100).get()).data;
    return out;
  };
  const before = await snapshot();
  for (const who of ['o-0', 'o-clerk', 'o-visitor']) {
    expect(await report(who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await snapshot()).toEqual(before);
});
