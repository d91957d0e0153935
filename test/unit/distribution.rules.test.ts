import fc from 'fast-check';
import { DEFAULT_DISTRIBUTION } from '../../cloudfunctions/_core/config/defaults';
import {
  activeFans,
  addMonthTotal,
  commissionFen,
  flagsFor,
  gradeFor,
  mayMove,
  monthBefore,
  moveActiveFan,
  rateFor,
  reasonFor,
  reversalFor,
} from '../../cloudfunctions/_core/distribution/commission.rules';
import { DistributionConfig } from '../../cloudfunctions/_core/distribution/distribution-config.schema';
import { conditionsFor, qualifyingVia } from '../../cloudfunctions/_core/distribution/eligibility.rules';
import { bindingHolds, bindRefusal, memberNoFromScene, sceneFor, velocity } from '../../cloudfunctions/_core/distribution/referral.rules';
import { checkWithdrawLimits, mayMoveWithdrawal, todaysWithdrawals } from '../../cloudfunctions/_core/distribution/withdrawal.rules';
import { explainIssues } from '../../cloudfunctions/_core/shared/config-problems.rules';

const cfg = DEFAULT_DISTRIBUTION;
const now = new Date('2026-11-23T02:00:00Z');

describe('commission rules', () => {
  it('rounds down to whole fen and refuses bad amounts', () => {
    expect(commissionFen(12_345, 1000)).toBe(1234);
    expect(commissionFen(99, 500)).toBe(4);
    expect(commissionFen(1, 9999)).toBe(0);
    expect(() => commissionFen(10.5, 100)).toThrow(RangeError);
    expect(() => commissionFen(100, 10_001)).toThrow(RangeError);
  });

  it('partial refunds: the commission is that of the amount kept; the parts add up to the whole, never more', () => {
    const c = { orderFen: 30_000, rateBp: 1000, amountFen: 3000 };
    expect(reversalFor(c, 10_000)).toEqual({ keptFen: 2000, reversedFen: 1000, deltaFen: 1000 });
    expect(reversalFor({ ...c, reversedFen: 1000 }, 15_555)).toEqual({ keptFen: 1444, reversedFen: 1556, deltaFen: 556 });
    expect(reversalFor({ ...c, reversedFen: 1556 }, 30_000)).toEqual({ keptFen: 0, reversedFen: 3000, deltaFen: 1444 });
    // A repeat of the same total reverses nothing more.
    expect(reversalFor({ ...c, reversedFen: 1000 }, 10_000)).toEqual({ keptFen: 2000, reversedFen: 1000, deltaFen: 0 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }),
        (orderFen, rateBp, parts) => {
          const amountFen = commissionFen(orderFen, rateBp);
          let reversedFen = 0;
          let refunded = 0;
          for (const part of [...parts, orderFen]) {
            refunded = Math.min(orderFen, refunded + part);
            const r = reversalFor({ orderFen, rateBp, amountFen, reversedFen }, refunded);
            expect(r.deltaFen).toBeGreaterThanOrEqual(0);
            expect(r.keptFen).toBe(commissionFen(orderFen - refunded, rateBp));
            reversedFen = r.reversedFen;
          }
          expect(reversedFen).toBe(amountFen);
        },
      ),
    );
  });

  it('grades by active fans, rates by product class with a default, lower at level 2', () => {
    expect(gradeFor(cfg.grades, 0).code).toBe('starter');
    expect(gradeFor(cfg.grades, 10).code).toBe('leader');
    expect(gradeFor(cfg.grades, 500).code).toBe('star');
    const leader = gradeFor(cfg.grades, 12);
    expect([rateFor(leader, 'gift_pack', 1), rateFor(leader, 'gift_pack', 2), rateFor(leader, 'store', 1), rateFor(leader, 'store', 2)]).toEqual([1000, 300, 800, 300]);
  });

  it('counts active fans over the window of months, moving a fan to the month of their latest order', () => {
    expect(monthBefore('2026-01', 2)).toBe('2025-11');
    let m = moveActiveFan({}, null, '2026-10', 3);
    m = moveActiveFan(m, null, '2026-11', 3);
    expect(activeFans(m, '2026-11', 3)).toBe(2);
    m = moveActiveFan(m, '2026-10', '2026-11', 3); // the same fan again: still one
    expect(m).toEqual({ '2026-11': 2 });
    expect(activeFans(m, '2027-01', 3)).toBe(2);
    expect(activeFans(m, '2027-02', 3)).toBe(0);
    expect(addMonthTotal({ '2026-07': 5, '2026-11': 10 }, '2026-11', 3)).toEqual({ '2026-11': 13 });
  });

  it('flags: velocity, repeated refunds, self-paid, the monthly cap', () => {
    const base = { bindingFlag: null, buyerRefunds: 0, payer: 'o-f', beneficiary: 'o-d', monthTotalFen: 0, amountFen: 100 };
    const af = { ...cfg.antiFraud, refundsToFlag: 2, monthlyCapFen: 1_000 };
    expect(flagsFor(af, base)).toEqual([]);
    expect(flagsFor(af, { ...base, bindingFlag: 'velocity', buyerRefunds: 2, payer: 'o-d', monthTotalFen: 901 })).toEqual(['velocity', 'repeat_refunds', 'self_paid', 'monthly_cap']);
    expect(flagsFor({ ...af, flagSelfPaid: false }, { ...base, payer: 'o-d' })).toEqual([]);
    expect(reasonFor('flagged', ['self_paid'])).toBe('订单由推广员本人支付，待人工审核');
  });

  it('states move forward only', () => {
    expect(mayMove('pending', 'settled')).toBe(true);
    expect(mayMove('settled', 'clawed_back')).toBe(true);
    expect(mayMove('settled', 'voided')).toBe(false);
    expect(mayMove('voided', 'pending')).toBe(false);
    expect(mayMove('clawed_back', 'settled')).toBe(false);
    expect(mayMoveWithdrawal('transferring', 'paid')).toBe(true);
    expect(mayMoveWithdrawal('paid', 'failed')).toBe(false);
    expect(mayMoveWithdrawal('rejected', 'transferring')).toBe(false);
    expect(mayMoveWithdrawal('awaiting_approval', 'paid')).toBe(false); // never paid without a transfer
    expect(mayMoveWithdrawal('transferring', 'rejected')).toBe(false); // too late to reject once sent
    expect(mayMoveWithdrawal('awaiting_approval', 'rejected')).toBe(true);
  });
});

describe('binding rules', () => {
  const facts = { fan: 'o-f', distributor: 'o-d', binding: null, fanCount: 0, firstOrderAt: null };
  it('never self, never a bound member, never a member with fans; the purchase rule per mode', () => {
    expect(bindRefusal({ mode: 'permanent' }, facts, now)).toBeNull();
    expect(bindRefusal({ mode: 'permanent' }, { ...facts, distributor: 'o-f' }, now)).toBe('self');
    expect(bindRefusal({ mode: 'permanent' }, { ...facts, binding: { referrer: 'o-x', expiresAt: null } }, now)).toBe('already_bound');
    expect(bindRefusal({ mode: 'permanent' }, { ...facts, fanCount: 1 }, now)).toBe('has_fans');
    expect(bindRefusal({ mode: 'untilFirstPurchase' }, { ...facts, firstOrderAt: now }, now)).toBe('purchased');
    expect(bindRefusal({ mode: 'permanent' }, { ...facts, firstOrderAt: now }, now)).toBeNull();
    const ended = { referrer: 'o-x', expiresAt: new Date(now.getTime() - 1) };
    expect(bindingHolds(ended, now)).toBe(false);
    expect(bindRefusal({ mode: 'window', days: 7 }, { ...facts, binding: ended }, now)).toBeNull();
  });

  it('scenes are d=<12 digits>, at most 32 characters; anything else names nobody', () => {
    expect(sceneFor('123456789012')).toBe('d=123456789012');
    expect(sceneFor('123456789012').length).toBeLessThanOrEqual(32);
    expect(memberNoFromScene('d=123456789012')).toBe('123456789012');
    for (const bad of ['d=12345678901', 'd=1234567890123', 'x=123456789012', 'd=12345678901a', '']) expect(memberNoFromScene(bad)).toBeNull();
  });

  it('counts new fans per day for the velocity check', () => {
    expect(velocity(null, 0, '2026-11-23', 2)).toEqual({ bindsThatDay: 1, flagged: false });
    expect(velocity('2026-11-23', 2, '2026-11-23', 2)).toEqual({ bindsThatDay: 3, flagged: true });
    expect(velocity('2026-11-22', 9, '2026-11-23', 2)).toEqual({ bindsThatDay: 1, flagged: false });
  });
});

describe('withdrawal limits', () => {
  const limits = { minFen: 100, dailyCapFen: 1_000, dailyCount: 2, approvalAboveFen: 500 };
  it('minimum, daily amount and count, approval above the threshold', () => {
    expect(checkWithdrawLimits(limits, 99, { withdrawnFen: 0, count: 0 })).toMatchObject({ ok: false, code: 'WITHDRAW_BELOW_MINIMUM' });
    expect(checkWithdrawLimits(limits, 500, { withdrawnFen: 0, count: 0 })).toEqual({ ok: true, needsApproval: false });
    expect(checkWithdrawLimits(limits, 501, { withdrawnFen: 0, count: 0 })).toEqual({ ok: true, needsApproval: true });
    expect(checkWithdrawLimits(limits, 600, { withdrawnFen: 500, count: 1 })).toMatchObject({ ok: false, code: 'WITHDRAW_LIMIT_REACHED', message: '今日还可提现 ¥5.00' });
    expect(checkWithdrawLimits(limits, 100, { withdrawnFen: 200, count: 2 })).toMatchObject({ ok: false, code: 'WITHDRAW_LIMIT_REACHED' });
    expect(todaysWithdrawals({ withdrawDay: '2026-11-22', withdrawnThatDay: 900, withdrawalsThatDay: 2 }, '2026-11-23')).toEqual({ withdrawnFen: 0, count: 0 });
  });
});

describe('eligibility', () => {
  it('lists the enabled ways with progress and qualifies by the first met', () => {
    const c = { ...cfg, eligibility: { ...cfg.eligibility, koc: { enabled: true, memberNos: ['123456789012'] } } };
    const list = conditionsFor(c, { memberNo: '123456789012', checkinDays: 3, spendFen: 0, giftPackPaid: false });
    expect(list.map((x) => [x.code, x.met])).toEqual([['koc', true], ['task_checkin', false], ['task_spend', false], ['gift_pack', false]]);
    expect(qualifyingVia(list)).toBe('koc');
    expect(qualifyingVia(conditionsFor(cfg, { memberNo: '1', checkinDays: 7, spendFen: 0, giftPackPaid: false }))).toBe('task');
    expect(qualifyingVia(conditionsFor(cfg, { memberNo: '1', checkinDays: 0, spendFen: 0, giftPackPaid: true }))).toBe('gift_pack');
    expect(qualifyingVia(conditionsFor(cfg, { memberNo: '1', checkinDays: 0, spendFen: 0, giftPackPaid: false }))).toBeNull();
  });
});

describe('the distribution document', () => {
  it('the default is valid; mistakes are explained in Chinese', () => {
    expect(DistributionConfig.safeParse(DEFAULT_DISTRIBUTION).success).toBe(true);
    const broken = {
      ...DEFAULT_DISTRIBUTION,
      grades: [
        { code: 'aa', name: '一', minActiveFans: 5, rates: { store: { directBp: 100, indirectBp: 200 } } },
        { code: 'bb', name: '二', minActiveFans: 3, rates: { default: { directBp: 100.5, indirectBp: 0 } } },
      ],
    };
    const r = DistributionConfig.safeParse(broken);
    expect(r.success).toBe(false);
    const problems = explainIssues(r.error!.issues).join('\n');
    expect(problems).toContain('二级佣金比例不能高于一级');
    expect(problems).toContain('须包含 default 类别的佣金比例');
    expect(problems).toContain('佣金比例须为整数（万分比）');
    const order = DistributionConfig.safeParse({ ...DEFAULT_DISTRIBUTION, grades: [...DEFAULT_DISTRIBUTION.grades].reverse() });
    expect(explainIssues(order.error!.issues)).toEqual(
      expect.arrayContaining(['grades[0].minActiveFans：第一个推广员等级的活跃粉丝门槛必须是 0', 'grades[1].minActiveFans：活跃粉丝门槛必须按从低到高严格递增']),
    );
  });
});
