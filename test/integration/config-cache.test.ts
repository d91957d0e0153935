/**
 * Operator documents are read once per warm function instance and TTL (OPERATOR_DOCUMENT_TTL_MS), by the
 * platform clock: hot member actions stop re-reading them on every call, an operator's console edit reaches
 * members within the TTL, and the operator's own config report is always fresh.
 */
import { OPERATOR_DOCUMENT_TTL_MS } from '../../cloudfunctions/_core/config/operator-config';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
/** Reads of operator documents since the last `operatorReads()`. */
let reads: string[] = [];
const operatorReads = () => {
  const seen = reads;
  reads = [];
  return seen;
};

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  cloud.coldStart();
  cloud.db.injectFault((op) => {
    const isRead = ['get', 'doc.get', 'count', 'aggregate'].includes(op.kind);
    if (isRead && ['app_config', 'coupon_templates', 'mall_items'].includes(op.collection)) reads.push(`${op.collection} ${op.kind}`);
    return false;
  });
  reads = [];
});
afterEach(() => cloud.close());

const center = async () => ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: {} }, 'o-m'));

describe('the operator-document cache of a function instance', () => {
  it('reads a document once per TTL on a warm instance, then again', async () => {
    await center();
    expect(operatorReads()).toEqual(['app_config doc.get']);
    for (let i = 0; i < 5; i++) await center();
    cloud.clock.advance(OPERATOR_DOCUMENT_TTL_MS - 1);
    await center();
    expect(operatorReads()).toEqual([]);
    cloud.clock.advance(1);
    await center();
    expect(operatorReads()).toEqual(['app_config doc.get']);
  });

  it('belongs to one function instance: another function reads for itself, a cold start starts empty', async () => {
    await center();
    ok(await cloud.call('points', { action: 'checkIn', input: {} }, 'o-m'));
    expect(operatorReads()).toEqual(['app_config doc.get', 'app_config doc.get', 'app_config doc.get']); // tiers; earn_rules + tiers
    cloud.coldStart();
    await center();
    expect(operatorReads()).toEqual(['app_config doc.get']);
  });

  it('an operator’s console edit reaches members within the TTL', async () => {
    expect((await center()).tier.name).toBe('银卡会员');
    const tiers = (await cloud.db.collection('app_config').doc('tiers').get()).data;
    const renamed = (tiers.tiers as { name: string }[]).map((t, i) => (i === 0 ? { ...t, name: '同行者' } : t));
    await cloud.db.collection('app_config').doc('tiers').update({ data: { tiers: renamed } });
    expect((await center()).tier.name).toBe('银卡会员');
    cloud.clock.advance(OPERATOR_DOCUMENT_TTL_MS);
    expect((await center()).tier.name).toBe('同行者');
  });

  it('keeps coupon templates and mall items too, and never caches the operator’s config report', async () => {
    await cloud.db.collection('mall_items').doc('mug').set({ data: { title: '马克杯', kind: 'physical', delivery: ['pickup'], pricePoints: 100, stock: 5 } });
    for (let i = 0; i < 3; i++) {
      ok(await cloud.call('mall', { action: 'items', input: {} }, 'o-m'));
      ok(await cloud.call('coupons', { action: 'center', input: {} }, 'o-m'));
    }
    // Per function instance (mall, coupons): tiers or message templates, and the stores (views name stores).
    expect(operatorReads().sort()).toEqual(['app_config doc.get', 'app_config doc.get', 'app_config doc.get', 'app_config doc.get', 'coupon_templates get', 'mall_items get'].sort());

    await grantRole(cloud, 'o-op', 'operator', null);
    const report = async () =>
      ok(await cloud.call<{ configs: { id: string; status: string }[] }>('admin', { action: 'configReport', input: {} }, 'o-op')).configs.find((c) => c.id === 'tiers');
    expect(await report()).toMatchObject({ status: 'ok' });
    await cloud.db.collection('app_config').doc('tiers').set({ data: { tiers: [{ code: 'Gold!', threshold: -1 }] } });
    expect(await report()).toMatchObject({ status: 'invalid' });
  });
});
