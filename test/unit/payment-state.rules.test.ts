import fc from 'fast-check';
import {
  mayRecord,
  PAYMENT_STATES,
  REFUND_STATES,
  statesRefusing,
  valueAt,
  type RefundStatus,
} from '../../cloudfunctions/_core/payments/payment-state.rules';

const REFUND: RefundStatus[] = ['requested', 'failed', 'accepted'];

describe('payment and refund states move forward only', () => {
  it('accepted is never replaced; requested and failed replace each other; anything replaces nothing', () => {
    for (const next of REFUND) {
      expect(mayRecord(REFUND_STATES, 'accepted', next)).toBe(false);
      expect(mayRecord(REFUND_STATES, null, next)).toBe(true);
      expect(mayRecord(REFUND_STATES, undefined, next)).toBe(true);
    }
    expect(mayRecord(REFUND_STATES, 'requested', 'failed')).toBe(true);
    expect(mayRecord(REFUND_STATES, 'failed', 'requested')).toBe(true);
    expect(mayRecord(REFUND_STATES, 'failed', 'accepted')).toBe(true);
    expect(mayRecord(PAYMENT_STATES, 'created', 'paid')).toBe(true);
    expect(mayRecord(PAYMENT_STATES, 'paid', 'created')).toBe(false);
    expect(mayRecord(PAYMENT_STATES, 'paid', 'paid')).toBe(false);
  });

  it('a stored value that is no state counts as nothing recorded, as in the conditional write', () => {
    expect(mayRecord(REFUND_STATES, 'weird' as RefundStatus, 'failed')).toBe(true);
    expect(statesRefusing(REFUND_STATES, 'failed')).not.toContain('weird');
  });

  it('the condition of the conditional write is exactly the rule', () => {
    for (const next of REFUND) {
      expect(statesRefusing(REFUND_STATES, next).sort()).toEqual(REFUND.filter((s) => !mayRecord(REFUND_STATES, s, next)).sort());
    }
    expect(statesRefusing(REFUND_STATES, 'failed')).toEqual(['accepted']);
    expect(statesRefusing(PAYMENT_STATES, 'paid')).toEqual(['paid']);
  });

  it('whatever order writes arrive in, the record ends accepted exactly when any writer said accepted, and never moves back', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REFUND), { maxLength: 12 }), (writes) => {
        let stored: RefundStatus | null = null;
        for (const next of writes) {
          const before: RefundStatus | null = stored;
          if (mayRecord(REFUND_STATES, stored, next)) stored = next;
          if (before !== null) expect(REFUND_STATES.rank[stored as RefundStatus]).toBeGreaterThanOrEqual(REFUND_STATES.rank[before]);
        }
        expect(stored === 'accepted').toBe(writes.includes('accepted'));
        if (writes.length > 0 && !writes.includes('accepted')) expect(stored).toBe(writes[writes.length - 1]);
      }),
    );
  });

  it('reads a dotted path', () => {
    expect(valueAt({ refund: { status: 'failed' } }, 'refund.status')).toBe('failed');
    expect(valueAt({ refund: null }, 'refund.status')).toBeUndefined();
    expect(valueAt({ status: 'paid' }, 'status')).toBe('paid');
    expect(valueAt(null, 'status')).toBeUndefined();
  });
});
