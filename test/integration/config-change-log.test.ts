/**
 * The change log of operator documents: saves through `admin.saveDocument` are validated and logged with
 * who, when, before and after; retries and concurrent saves are safe; edits made directly in the console are
 * found on the next read by their content hash and logged as console changes, once.
 */
import type { ConfigReportView } from '../../cloudfunctions/_core/admin/admin.schema';
import type { DocumentHistoryView, SaveDocumentOutput } from '../../cloudfunctions/_core/admin/operator-documents.schema';
import { DEFAULT_STORES } from '../../cloudfunctions/_core/config/defaults';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await grantRole(cloud, 'o-op', 'operator', null);
  await cloud.db.collection('roles').doc('o-op').update({ data: { name: '运营小周' } });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
});
afterEach(() => cloud.close());

const stores = (names: string[]) => ({ stores: names.map((name, i) => ({ id: `S00${i + 1}`, name, address: '', pickup: true })) });
const save = (input: Record<string, unknown>, who = 'o-op') =>
  cloud.call<SaveDocumentOutput>('admin', { action: 'saveDocument', input: { collection: 'app_config', id: 'stores', expectedRev: null, requestId: 'req-00000001', ...input } }, who);
const history = async (collection = 'app_config', id = 'stores') =>
  ok(await cloud.call<DocumentHistoryView>('admin', { action: 'documentHistory', input: { collection, id } }, 'o-op'));
const report = async () => ok(await cloud.call<ConfigReportView>('admin', { action: 'configReport', input: {} }, 'o-op'));

describe('saving through the product', () => {
  it('validates, writes with the next revision and logs who, when, before and after', async () => {
    const first = await history(); // the seeded document is found as created in the console
    expect(first.changes.map((c) => [c.source, c.kind])).toEqual([['console', 'created']]);
    cloud.clock.set(new Date('2026-11-23T03:00:00Z'));
    const saved = ok(await save({ document: stores(['静安店', '徐汇店']), expectedRev: first.rev }));
    expect(saved).toEqual({ address: 'app_config/stores', rev: first.rev + 1, warnings: [] });
    const stored = (await cloud.db.collection('app_config').doc('stores').get()).data as Record<string, unknown>;
    expect(stored).toMatchObject({ ...stores(['静安店', '徐汇店']), _rev: first.rev + 1 });
    const h = await history();
    expect(h.rev).toBe(first.rev + 1);
    expect(h.changes[0]).toEqual({
      address: 'app_config/stores',
      source: 'operator',
      kind: 'edited',
      actorName: '运营小周',
      at: '2026-11-23T03:00:00.000Z',
      before: DEFAULT_STORES,
      after: stores(['静安店', '徐汇店']),
    });
    expect((await report()).recentChanges[0]).toMatchObject({ address: 'app_config/stores', source: 'operator' });
  });

  it('refuses a document with mistakes, naming them, and writes nothing', async () => {
    const before = await count(cloud, 'config_changes');
    const r = await save({ document: { stores: [{ id: 'S 1', name: '' }] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    expect(!r.ok && r.error.message).toContain('stores[0].id：门店编号为 2-16 位字母、数字、-或_');
    expect(await count(cloud, 'config_changes')).toBe(before);
    expect(await save({ collection: 'app_config', id: 'nonsense', document: {} })).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  });

  it('saves with warnings when the document names something that does not exist', async () => {
    const r = ok(await cloud.call<SaveDocumentOutput>('admin', {
      action: 'saveDocument',
      input: { collection: 'roles', id: 'o-clerk-9', document: { role: 'clerk', storeId: 'S404', name: '新店员', active: true }, expectedRev: null, requestId: 'req-00000002' },
    }, 'o-op'));
    expect(r.warnings).toEqual(['storeId：门店编号 S404 不存在（见门店文档 app_config/stores）']);
  });

  it('changes once for a retried request', async () => {
    const a = ok(await save({ document: stores(['甲店']) }));
    const b = ok(await save({ document: stores(['甲店']) }));
    expect(b).toEqual(a);
    expect((await history()).changes.filter((c) => c.source === 'operator')).toHaveLength(1);
  });

  it('lets one of two saves from the same revision land; the other is told to refresh', async () => {
    const { rev } = await history();
    const results = await Promise.all([
      save({ document: stores(['甲店']), expectedRev: rev, requestId: 'req-0000000a' }),
      save({ document: stores(['乙店']), expectedRev: rev, requestId: 'req-0000000b' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFIG_CONFLICT' } });
    expect((await history()).changes.filter((c) => c.source === 'operator')).toHaveLength(1);
  });

  it('refuses to overwrite an edit made in the console after the operator opened the document', async () => {
    const { rev } = await history();
    cloud.clock.set(new Date('2026-11-23T04:00:00Z'));
    await cloud.db.collection('app_config').doc('stores').set({ data: stores(['控制台改的店']) });
    expect(await save({ document: stores(['甲店']), expectedRev: rev })).toMatchObject({ ok: false, error: { code: 'CONFIG_CONFLICT' } });
    const h = await history();
    expect(h.changes[0]).toMatchObject({ source: 'console', kind: 'edited', after: stores(['控制台改的店']) });
    expect(ok(await save({ document: stores(['甲店']), expectedRev: h.rev, requestId: 'req-00000003' })).rev).toBe(h.rev + 1);
  });
});

describe('edits made directly in the console', () => {
  it('are found on the next read by their hash, with before and after, and logged once', async () => {
    await report(); // the product has seen every document now
    cloud.clock.set(new Date('2026-11-24T01:00:00Z'));
    await cloud.db.collection('app_config').doc('stores').set({ data: stores(['控制台店']) });
    await cloud.db.collection('app_config').doc('privacy').remove();
    const r = await report();
    const found = r.recentChanges.filter((c) => c.at === '2026-11-24T01:00:00.000Z');
    expect(found.map((c) => [c.address, c.source, c.kind]).sort()).toEqual([
      ['app_config/privacy', 'console', 'deleted'],
      ['app_config/stores', 'console', 'edited'],
    ]);
    expect(found.find((c) => c.kind === 'edited')).toMatchObject({ before: DEFAULT_STORES, after: stores(['控制台店']), actorName: null });
    const total = await count(cloud, 'config_changes');
    await report();
    await Promise.all([report(), history()]);
    expect(await count(cloud, 'config_changes')).toBe(total);
  });

  it('ignore a reordering of keys (the console may save keys in another order)', async () => {
    await report();
    const total = await count(cloud, 'config_changes');
    const { _id, ...body } = (await cloud.db.collection('app_config').doc('stores').get()).data as Record<string, unknown>;
    void _id;
    await cloud.db.collection('app_config').doc('stores').set({ data: Object.fromEntries(Object.entries(body).reverse()) });
    await report();
    expect(await count(cloud, 'config_changes')).toBe(total);
  });

  it("log the community's catalogues, but not the topics members propose (the product writes those)", async () => {
    await report();
    cloud.clock.set(new Date('2026-11-24T01:00:00Z'));
    await cloud.db.collection('community_topics').doc('morning-run').set({ data: { name: '晨跑打卡', status: 'active', origin: 'operator' } });
    await cloud.db.collection('community_topics').doc('idea').set({ data: { name: '会员提议', status: 'proposed', origin: 'member', proposedBy: 'o-member' } });
    await cloud.db.collection('community_campaigns').doc('run7').set({ data: { title: '七日晨跑', topic: 'ghost', days: 7, from: '2026-12-01', to: '2026-12-31', capacity: 10 } });
    const r = await report();
    expect(r.recentChanges.filter((c) => c.at === '2026-11-24T01:00:00.000Z').map((c) => c.address).sort()).toEqual(['community_campaigns/run7', 'community_topics/morning-run']);
    expect(await count(cloud, 'config_versions', { address: 'community_topics/idea' })).toBe(0);
    // Checked all the same, with the cross-document checks.
    expect(r.configs.find((c) => c.id === 'community_campaigns/run7')).toEqual({
      id: 'community_campaigns/run7',
      title: '打卡活动：七日晨跑',
      status: 'warning',
      problems: ['topic：话题 ghost 不存在：会员发帖选不到它，打卡不会计入'],
    });
    expect(r.configs.find((c) => c.id === 'community_topics/idea')).toMatchObject({ status: 'ok' });
  });
});
