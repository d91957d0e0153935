/**
 * Operator messages to a layer (`layer_messages`, the `messages` timer): only members the whole audience admits get
 * one, each member's subscription and the promotion caps decide as for every message, a rerun or a second tick
 * sends nothing twice, a run that died before saving its cursor resumes to the same counts, and a broken document
 * is reported and never sent.
 */
import type { ConfigReportView } from '../../cloudfunctions/_core/admin/admin.schema';
import type { LayerMessagesReportView } from '../../cloudfunctions/_core/messaging/layer-messages-report.schema';
import { layerMessagesJob } from '../../cloudfunctions/_core/messaging/layer-messages.job';
import { enqueueMessage } from '../../cloudfunctions/_core/messaging/outbox.service';
import type { BatchOptions } from '../../cloudfunctions/_core/shared/batch-job';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { setLayers, setTier } from '../support/cocreate';
import { registerMany } from '../support/groupbuy';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const TPL = 'TPL_NOTICE';
const MESSAGE = {
  title: '新品试用招募',
  audience: { layers: ['super'] },
  templateId: TPL,
  data: { thing1: '新品试用招募：冬季拼配', time2: '2026-12-05 19:00' },
  page: 'pages/index/index',
  sendAt: '2026-11-23 10:00',
};
const SEND_AT = new Date('2026-11-23T02:00:00Z'); // 10:00 Beijing

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('app_config').doc('message_templates').set({ data: { couponExpiry: 'TPL_EXPIRY', operatorNotices: [TPL] } });
  cloud.clock.set(new Date('2026-11-23T01:00:00Z'));
  await registerMany(cloud, 'o-', 6);
  await setLayers(cloud, 'o-0', ['super']);
  await setLayers(cloud, 'o-1', ['super', 'high_value']);
  await setLayers(cloud, 'o-2', ['dormant']);
  await setLayers(cloud, 'o-3', ['super']);
  await setLayers(cloud, 'o-5', ['high_value']);
  // o-4 carries no layer. Everyone but o-3 agreed to the operators' template (one message each).
  for (const id of ['o-0', 'o-1', 'o-2', 'o-4', 'o-5']) await subscribe(id);
});
afterEach(() => cloud.close());

let seq = 0;
async function subscribe(openid: string, template = TPL) {
  ok(await cloud.call('coupons', { action: 'subscribe', input: { template, requestId: `sub-${String(++seq).padStart(6, '0')}` } }, openid));
}
const setMessage = (id: string, doc: Record<string, unknown>) => cloud.db.collection('layer_messages').doc(id).set({ data: doc });
const run = (opts?: BatchOptions) => layerMessagesJob(cloud.jobContext({ log: { info: () => undefined, warn: () => undefined, error: () => undefined } }), opts);
const delivered = async () =>
  (await cloud.db.collection<{ touser: string; templateId: string }>('_dev_outbox').where({ kind: 'subscribeMessage' }).limit(100).get()).data
    .filter((m) => m.templateId === TPL)
    .map((m) => m.touser)
    .sort();
const outbox = async () =>
  (await cloud.db.collection<{ _id: string; status: string; reason: string | null }>('message_outbox').orderBy('_id', 'asc').limit(100).get()).data.map(({ _id, status, reason }) => ({
    _id,
    status,
    reason,
  }));
const runRecord = async (id = 'trial') => (await cloud.db.collection('layer_message_runs').doc(id).get()).data;
const report = async () => ok(await cloud.call<LayerMessagesReportView>('messages', { action: 'report', input: {} }, 'o-op'));

it('reaches only the members of the layer, at its time, each only with their consent', async () => {
  await setMessage('trial', MESSAGE);
  await run();
  expect(await count(cloud, 'message_outbox')).toBe(0); // 09:00 Beijing: not yet
  cloud.clock.set(SEND_AT);
  const r = await run();
  expect(r).toMatchObject({ done: true, handled: 3, failed: 0, messages: [{ messageId: 'trial', status: 'done', members: 3, queued: 3 }] });
  expect(await delivered()).toEqual(['o-0', 'o-1']);
  expect(await outbox()).toEqual([
    { _id: 'layer_message:trial:o-0', status: 'sent', reason: null },
    { _id: 'layer_message:trial:o-1', status: 'sent', reason: null },
    { _id: 'layer_message:trial:o-3', status: 'skipped', reason: 'no_subscription' },
  ]);
  const sent = (await cloud.db.collection('_dev_outbox').where({ touser: 'o-0' }).get()).data[0];
  expect(sent).toMatchObject({ templateId: TPL, page: 'pages/index/index', data: { thing1: { value: '新品试用招募：冬季拼配' }, time2: { value: '2026-12-05 19:00' } } });
  expect(await runRecord()).toMatchObject({ status: 'done', members: 3, queued: 3, outsideAudience: 0, noMember: 0 });
  await grantRole(cloud, 'o-op', 'operator', null);
  expect((await report()).messages).toEqual([
    expect.objectContaining({ messageId: 'trial', layers: ['超级用户'], state: 'done', stateText: '已排完', members: 3, queued: 3, delivery: { pending: 0, sent: 2, skipped: 1, failed: 0 } }),
  ]);
  expect(await cloud.call('messages', { action: 'report', input: {} }, 'o-0')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

it('the rest of the audience narrows the layer; several layers reach each member once', async () => {
  await setTier(cloud, 'o-1', 'gold');
  await setMessage('gold-supers', { ...MESSAGE, audience: { layers: ['super'], tiers: ['gold'] } });
  await setMessage('either', { ...MESSAGE, audience: { layers: ['super', 'high_value'] }, sendAt: '2026-11-23 09:30' });
  cloud.clock.set(SEND_AT);
  await run();
  expect(await runRecord('gold-supers')).toMatchObject({ members: 3, queued: 1, outsideAudience: 2 });
  expect(await runRecord('either')).toMatchObject({ members: 4, queued: 4 });
  const keys = (await outbox()).map((m) => m._id);
  expect(keys).toEqual([
    'layer_message:either:o-0',
    'layer_message:either:o-1',
    'layer_message:either:o-3',
    'layer_message:either:o-5',
    'layer_message:gold-supers:o-1',
  ]);
  // One subscription each: o-1's second message has none left (and a second promotion in a day is over the cap).
  expect(await delivered()).toEqual(['o-0', 'o-1', 'o-5']);
});

it('respects the promotion caps and a withdrawn consent exactly as other messages do', async () => {
  await subscribe('o-0');
  await enqueueMessage(cloud.db, { openid: 'o-0', kind: 'promotion', template: TPL, data: { thing1: '早到的促销' }, page: 'pages/index/index', dedupeKey: 'earlier-promo' }, SEND_AT);
  ok(await cloud.call('member', { action: 'withdrawConsent', input: {} }, 'o-1'));
  await setMessage('trial', MESSAGE);
  cloud.clock.set(SEND_AT);
  await run();
  const byId = Object.fromEntries((await outbox()).map((m) => [m._id, m]));
  expect(byId['earlier-promo']).toMatchObject({ status: 'sent' });
  expect(byId['layer_message:trial:o-0']).toMatchObject({ status: 'skipped', reason: 'cap_day' });
  expect(byId['layer_message:trial:o-1']).toMatchObject({ status: 'skipped', reason: 'no_subscription' });
  expect(await delivered()).toEqual(['o-0']);
});

it('a rerun, a second tick or a lost run record sends nothing twice', async () => {
  await setMessage('trial', MESSAGE);
  cloud.clock.set(SEND_AT);
  await run();
  const first = { outbox: await outbox(), delivered: await delivered() };
  await subscribe('o-0'); // even with a fresh consent, the same message never comes again
  await run();
  cloud.clock.advance(10 * 60_000);
  await cloud.trigger('messages', 'sender');
  expect({ outbox: await outbox(), delivered: await delivered() }).toEqual(first);
  // The run record lost (or a crash before its first save): the outbox keys still hold it to once per member.
  await cloud.db.collection('layer_message_runs').doc('trial').remove();
  const again = await run();
  expect(again.messages).toEqual([{ messageId: 'trial', status: 'done', members: 3, queued: 3 }]);
  expect({ outbox: await outbox(), delivered: await delivered() }).toEqual(first);
});

it('stopped after any page and resumed, it ends exactly as one uninterrupted run', async () => {
  await setLayers(cloud, 'o-2', ['super']);
  await setLayers(cloud, 'o-4', ['super']);
  await setMessage('trial', MESSAGE);
  cloud.clock.set(SEND_AT);
  await run({ pageSize: 1 });
  const expected = { outbox: await outbox(), run: await runRecord(), delivered: await delivered() };
  expect(expected.run).toMatchObject({ members: 5, queued: 5 });

  // A budget that runs out after `calls` looks at the clock: the run stops at every point of queuing and
  // dispatching in turn (mid-page, between pages, before the cursor save...), and the next run resumes.
  for (let calls = 0; calls <= 30; calls += 2) {
    for (const c of ['message_outbox', 'layer_message_runs', '_dev_outbox', 'message_caps']) {
      const { data } = await cloud.db.collection(c).limit(1000).get();
      for (const d of data) await cloud.db.collection(c).doc(d._id).remove();
    }
    for (const id of ['o-0', 'o-1', 'o-2', 'o-4']) await cloud.db.collection('message_subscriptions').doc(`${id}:${TPL}`).set({ data: { _openid: id, template: TPL, count: 1, updatedAt: SEND_AT } });
    let looked = 0;
    const stopped = await run({ pageSize: 1, concurrency: 1, budgetMs: 1_000, elapsedMs: () => (looked++ < calls ? 0 : 10_000) });
    expect(stopped.done).toBe(false);
    expect(stopped.failed).toBe(0);
    const resumed = await run({ pageSize: 1 });
    expect(resumed.done).toBe(true);
    expect(stopped.handled + resumed.handled).toBe(5); // nothing twice, nothing missed
    expect({ calls, outbox: await outbox(), run: await runRecord(), delivered: await delivered() }).toEqual({ calls, ...expected });
  }
});

it('a broken document is reported in Chinese and never sent; a template members cannot subscribe to is a warning', async () => {
  await setMessage('no-layers', { ...MESSAGE, audience: { tiers: ['gold'] } });
  await setMessage('bad-layer', { ...MESSAGE, audience: { layers: ['超级用户'] } });
  await setMessage('long-thing', { ...MESSAGE, data: { thing1: '这是一段超过二十个字的关键词内容，微信会拒绝发送它' } });
  await setMessage('bad-time', { ...MESSAGE, sendAt: '2026-11-23T02:00:00Z' });
  await setMessage('unknown-template', { ...MESSAGE, templateId: 'TPL_UNSUBSCRIBABLE' });
  await grantRole(cloud, 'o-op', 'operator', null);
  const r = ok(await cloud.call<ConfigReportView>('admin', { action: 'configReport', input: {} }, 'o-op'));
  const byId = Object.fromEntries(r.configs.map((c) => [c.id, c]));
  const problems = (id: string) => JSON.stringify(byId[`layer_messages/${id}`]);
  expect(byId['layer_messages/no-layers']).toMatchObject({ status: 'invalid' });
  expect(problems('no-layers')).toContain('请在 audience.layers 写明发给哪些会员分层');
  expect(byId['layer_messages/bad-layer']).toMatchObject({ status: 'invalid' });
  expect(problems('bad-layer')).toContain('分层代码只能是 super（超级用户）');
  expect(problems('long-thing')).toContain('thing1 最多 20 个字');
  expect(problems('bad-time')).toContain('发送时间格式应为 YYYY-MM-DD HH:mm');
  expect(byId['layer_messages/unknown-template']).toMatchObject({ status: 'warning' });
  expect(problems('unknown-template')).toContain('不在 app_config/message_templates 的 operatorNotices 里');
  cloud.clock.set(SEND_AT);
  const ran = await run();
  expect(ran.messages.map((m) => m.messageId)).toEqual(['unknown-template']);
  expect((await outbox()).every((m) => m._id.startsWith('layer_message:unknown-template:') && m.reason === 'no_subscription')).toBe(true);
  expect(await delivered()).toEqual([]);
});
