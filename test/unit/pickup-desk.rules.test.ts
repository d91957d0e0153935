import fc from 'fast-check';
import { pickupInspection, type InspectedOrder } from '../../cloudfunctions/_core/pickup/pickup-desk.rules';
import { InspectPickupView } from '../../cloudfunctions/_core/mall/mall.schema';
import { InspectDealPickupView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import { StoresConfig } from '../../cloudfunctions/_core/stores/stores-config.schema';

const stores = StoresConfig.parse({ stores: [{ id: 'S001', name: '静安店', address: '上海市静安区' }] });
const order = (over: Partial<InspectedOrder<'physical' | 'group'>> = {}): InspectedOrder<'physical' | 'group'> => ({
  _id: 'ord-1',
  memberNo: '100000001234',
  title: '马克杯',
  kind: 'physical',
  storeId: 'S001',
  ...over,
});
const seen = (over: Partial<Parameters<typeof pickupInspection>[1]> = {}) => ({ ticket: 't-1', quantity: 2, nickname: '林小满', stores, problem: null, ...over });

describe('the pickup desk inspection', () => {
  it('shows the order, the store by name and the member masked, ready when there is no problem', () => {
    expect(pickupInspection(order(), seen())).toEqual({
      ticket: 't-1',
      orderNo: 'ord-1',
      title: '马克杯',
      kind: 'physical',
      quantity: 2,
      storeName: '静安店',
      member: { maskedName: '林**', memberNoTail: '1234' },
      ready: true,
      reason: null,
    });
  });

  it('is not ready, with the feature\'s reason, when the feature names a problem', () => {
    const v = pickupInspection(order({ kind: 'group' }), seen({ problem: '这个团还没成团，成团后才能提货' }));
    expect(v).toMatchObject({ kind: 'group', ready: false, reason: '这个团还没成团，成团后才能提货' });
  });

  it('names no store for an order without one, an unknown store as 其他门店, and never shows ids', () => {
    expect(pickupInspection(order({ storeId: null }), seen()).storeName).toBeNull();
    expect(pickupInspection(order({ storeId: 'S999' }), seen()).storeName).toBe('其他门店');
    expect(pickupInspection(order(), seen({ nickname: '' })).member.maskedName).toBe('*');
  });

  it('always fits both inspect views (mall and group-buy), showing only the first character of the name and the last four digits of the member number', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.stringMatching(/^\d{12}$/),
        fc.constantFrom<string | null>(null, 'S001', 'S404'),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
        (nickname, memberNo, storeId, problem) => {
          const mall = pickupInspection(order({ memberNo, storeId }), seen({ nickname, problem }));
          const deal = pickupInspection(order({ memberNo, storeId, kind: 'group' }), seen({ nickname, problem, quantity: 1 }));
          expect(InspectPickupView.parse(mall)).toEqual(mall);
          expect(InspectDealPickupView.parse(deal)).toEqual(deal);
          expect(mall.ready).toBe(problem === null);
          expect(mall.member.memberNoTail).toBe(memberNo.slice(-4));
          expect(Array.from(mall.member.maskedName).slice(1).every((c) => c === '*')).toBe(true);
        },
      ),
    );
  });
});
