import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, registerMany, rid } from '../support/community';
import { setLayers } from '../support/cocreate';

let cloud: LocalCloud;
const OP = 'o-operator';
const M = 'o-member';

interface PanelOut {
  panelId: string;
  seats: number;
  open: number;
  seated: number;
  state: string;
  mine: string | null;
  feedbackSent: boolean;
  previews: { title: string }[];
}

const QUESTIONS = [
  { id: 'taste', kind: 'rating', label: '口感打分' },
  { id: 'buy', kind: 'choice', label: '会回购吗', options: ['会', '看价格', '不会'] },
  { id: 'note', kind: 'text', label: '一句话建议' },
];
const openPanel = async (seats: number) =>
  ok(
    await call<PanelOut>(cloud, OP, 'openPanel', {
      requestId: rid(),
      title: '春季新品测试官',
      productName: '樱花白桃酸奶',
      description: '先尝为快，反馈直达产品团队',
      seats,
      applyUntil: '2026-11-30T00:00:00Z',
      questions: QUESTIONS,
    }),
  );
const panelDoc = async (id: string) => (await cloud.db.collection<{ open: number; invited: number; seated: number }>('cocreate_panels').doc(id).get()).data;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [OP, M]);
  await grantRole(cloud, OP, 'operator', null);
});
afterEach(() => cloud.close());

describe('product panels', () => {
  it('10 seats, 3 super users invited first, 200 concurrent applications: exactly 10 seated and the invited get theirs', async () => {
    const supers = ['o-super-1', 'o-super-2', 'o-super-3'];
    const others = Array.from({ length: 197 }, (_, i) => `o-applicant-${String(i).padStart(3, '0')}`);
    await registerMany(cloud, [...supers, ...others]);
    for (const [i, s] of supers.entries()) await setLayers(cloud, s, ['super'], 300 - i);
    await setLayers(cloud, 'o-applicant-000', ['high_value'], 999);
    const panel = await openPanel(10);
    const invited = ok(await call<{ invited: number; panel: PanelOut }>(cloud, OP, 'invitePanel', { panelId: panel.panelId, count: 5 }));
    expect(invited.invited).toBe(3);
    expect(invited.panel.open).toBe(7);
    // Inviting again skips those already invited.
    expect(ok(await call<{ invited: number }>(cloud, OP, 'invitePanel', { panelId: panel.panelId, count: 5 })).invited).toBe(0);

    const applicants = [...others, ...supers].sort(() => 0.5 - Math.random());
    const results = await Promise.all(applicants.map((who) => call<{ via: string }>(cloud, who, 'applyPanel', { panelId: panel.panelId })));
    const seated = applicants.filter((_, i) => results[i].ok);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'PANEL_FULL' } });
    expect(seated).toHaveLength(10);
    for (const s of supers) expect(seated).toContain(s);
    expect(await count(cloud, 'panel_members', { panelId: panel.panelId, status: 'seated' })).toBe(10);
    expect(await count(cloud, 'panel_members', { panelId: panel.panelId })).toBe(10);
    expect(await panelDoc(panel.panelId)).toMatchObject({ open: 0, invited: 0, seated: 10 });
  }, 60_000);

  it('closing races 50 acceptances of invitations, three rounds: no seat is taken after the close', async () => {
    const invitees = Array.from({ length: 50 }, (_, i) => `o-invitee-${String(i).padStart(2, '0')}`);
    await registerMany(cloud, invitees);
    for (const [i, who] of invitees.entries()) await setLayers(cloud, who, ['super'], 500 - i);
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const panel = await openPanel(60);
      expect(ok(await call<{ invited: number }>(cloud, OP, 'invitePanel', { panelId: panel.panelId, count: 50 })).invited).toBe(50);
      const accepts = invitees.map((who) => call(cloud, who, 'applyPanel', { panelId: panel.panelId }));
      // The close lands somewhere inside the burst (a few acceptances in, a different point each round).
      await new Promise((r) => setTimeout(r, [10, 60, 150][round]));
      const closing = call(cloud, OP, 'closePanel', { panelId: panel.panelId });
      const results = await Promise.all(accepts);
      ok(await closing);
      const accepted = results.filter((r) => r.ok).length;
      for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(PANEL_CLOSED|BUSY)$/) } });
      const stored = (await cloud.db.collection<{ seated: number; invited: number; open: number; seatedAtClose: number }>('cocreate_panels').doc(panel.panelId).get()).data;
      // What the close counted is final: every seat taken was taken before it, and each was answered ok.
      expect(stored.seated).toBe(stored.seatedAtClose);
      expect(stored.seated).toBe(accepted);
      expect(await count(cloud, 'panel_members', { panelId: panel.panelId, status: 'seated' })).toBe(accepted);
      expect(stored).toMatchObject({ invited: 50 - accepted, open: 10 });
      // After the close nobody accepts any more.
      const late = invitees.find((_, i) => !results[i].ok);
      if (late) expect(await call(cloud, late, 'applyPanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'PANEL_CLOSED' } });
      outcomes.push(`${accepted} accepted, ${results.filter((r) => !r.ok && r.error.code === 'PANEL_CLOSED').length} closed, ${results.filter((r) => !r.ok && r.error.code === 'BUSY').length} busy`);
    }
    console.info(`close vs 50 acceptances: ${outcomes.join('; ')}`);
  }, 120_000);

  it('panelists alone see previews; they send structured feedback once; operators read the summary', async () => {
    await registerMany(cloud, ['o-p1', 'o-p2']);
    const panel = await openPanel(2);
    ok(await call(cloud, OP, 'postPreview', { panelId: panel.panelId, requestId: rid(), title: '包装抢先看', body: '粉色渐变瓶身，瓶盖可回收。' }));
    ok(await call(cloud, 'o-p1', 'applyPanel', { panelId: panel.panelId }));
    ok(await call(cloud, 'o-p2', 'applyPanel', { panelId: panel.panelId }));
    expect(await call(cloud, M, 'applyPanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'PANEL_FULL', message: '测试官名额已满，下次早点来' } });
    expect(ok(await call<PanelOut>(cloud, 'o-p1', 'panel', { panelId: panel.panelId })).previews.map((p) => p.title)).toEqual(['包装抢先看']);
    expect(ok(await call<PanelOut>(cloud, M, 'panel', { panelId: panel.panelId })).previews).toEqual([]);
    expect(ok(await call<PanelOut>(cloud, 'o-visitor', 'panel', { panelId: panel.panelId })).previews).toEqual([]);

    expect(await call(cloud, M, 'panelFeedback', { panelId: panel.panelId, answers: { taste: 5, buy: '会', note: '好喝' } })).toMatchObject({ ok: false, error: { code: 'NOT_PANELIST' } });
    const bad = await call(cloud, 'o-p1', 'panelFeedback', { panelId: panel.panelId, answers: { taste: 6, buy: '会', note: '好喝' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'answers.taste', message: '请为「口感打分」打 1–5 分' } });
    const missing = await call(cloud, 'o-p1', 'panelFeedback', { panelId: panel.panelId, answers: { taste: 4, buy: '也许' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'answers.buy' } });
    expect(await count(cloud, 'panel_feedback')).toBe(0);
    const sent = ok(await call<PanelOut>(cloud, 'o-p1', 'panelFeedback', { panelId: panel.panelId, answers: { taste: 4, buy: '会', note: '甜度刚好' } }));
    expect(sent.feedbackSent).toBe(true);
    ok(await call(cloud, 'o-p2', 'panelFeedback', { panelId: panel.panelId, answers: { taste: 5, buy: '看价格', note: '希望有小瓶装' } }));
    expect(await call(cloud, 'o-p1', 'panelFeedback', { panelId: panel.panelId, answers: { taste: 1, buy: '不会', note: '改主意了' } })).toMatchObject({
      ok: false,
      error: { code: 'FEEDBACK_ALREADY_SENT' },
    });
    const report = ok(await call<{ responses: number; questions: { id: string; averageTenths: number | null; counts: { option: string; count: number }[]; texts: string[] }[] }>(cloud, OP, 'panelReport', { panelId: panel.panelId }));
    expect(report.responses).toBe(2);
    expect(report.questions[0].averageTenths).toBe(45);
    expect(report.questions[1].counts).toEqual([
      { option: '会', count: 1 },
      { option: '看价格', count: 1 },
      { option: '不会', count: 0 },
    ]);
    expect(report.questions[2].texts).toEqual(['甜度刚好', '希望有小瓶装']);
  });

  it('bad input and access: applying twice, after the deadline, a member opening or inviting: typed errors, nothing written', async () => {
    const input = { requestId: rid(), title: '测试', productName: '新品', seats: 5, applyUntil: '2026-11-30T00:00:00Z', questions: QUESTIONS };
    expect(await call(cloud, M, 'openPanel', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(cloud, 'cocreate_panels')).toBe(0);
    expect(await call(cloud, OP, 'openPanel', { ...input, seats: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'seats' } });
    const panel = await openPanel(5);
    expect(await call(cloud, M, 'invitePanel', { panelId: panel.panelId, count: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(cloud, M, 'postPreview', { panelId: panel.panelId, requestId: rid(), title: '偷看', body: '不行' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(cloud, M, 'panelReport', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ok(await call(cloud, M, 'applyPanel', { panelId: panel.panelId }));
    const before = await panelDoc(panel.panelId);
    expect(await call(cloud, M, 'applyPanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'PANEL_ALREADY_JOINED', message: '你已经是这个新品测试的测试官' } });
    expect(await panelDoc(panel.panelId)).toEqual(before);
    expect(await count(cloud, 'panel_members')).toBe(1);
    cloud.clock.set(new Date('2026-11-30T00:00:00Z'));
    await registerMany(cloud, ['o-late']);
    expect(await call(cloud, 'o-late', 'applyPanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'PANEL_CLOSED' } });
    expect(await count(cloud, 'panel_members')).toBe(1);
    expect(await call(cloud, M, 'applyPanel', { panelId: 'nNOSUCHPANEL' })).toMatchObject({ ok: false, error: { code: 'PANEL_NOT_FOUND' } });
  });
});
