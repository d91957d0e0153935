import type { ShiftSummaryView } from './staff.schema';
import { formatMoney } from '../shared/money.rules';

/** An audit entry as the shift summary reads it. */
export interface AuditLine {
  action: string;
  at: Date;
  detail: Record<string, unknown>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The title and detail line of one audit entry, in words for the clerk (order numbers are the receipt's). */
export function describeAudit(a: AuditLine): { title: string; detail: string } {
  const d = a.detail;
  switch (a.action) {
    case 'member.scan':
      return { title: '识别会员', detail: d.manual ? '手动输入会员号' : '扫描会员码' };
    case 'purchase.record':
      return { title: '登记消费', detail: `订单 ${String(d.orderNo ?? '')} · ${formatMoney(num(d.amountFen))} · +${num(d.points)} 积分` };
    case 'purchase.refund':
      return { title: d.crossStore ? '跨店退款' : '办理退款', detail: `订单 ${String(d.orderNo ?? '')}${d.amountFen ? ` · ${formatMoney(num(d.amountFen))}` : ''} · 收回 ${num(d.reversedPoints)} 积分` };
    case 'coupon.redeem':
      return { title: '核销优惠券', detail: d.discountFen ? `本单优惠 ${formatMoney(num(d.discountFen))}` : '已核销' };
    case 'coupon.undoRedeem':
      return { title: '撤销核销', detail: String(d.reason ?? '') };
    case 'mall.pickup':
      return { title: '兑换自提', detail: `${num(d.quantity)} 件` };
    case 'mall.ship':
      return { title: '快递发货', detail: `快递单号 ${String(d.trackingNo ?? '')}` };
    case 'mall.cancel':
      return { title: '取消兑换订单', detail: `${String(d.reason ?? '')} · 退回 ${num(d.returnedPoints)} 积分` };
    case 'member.correctBirthday':
      return { title: '更正生日', detail: String(d.reason ?? '') };
    default:
      return { title: '其他操作', detail: '' };
  }
}

/** Totals of one day's audit entries of one staff member. */
export function summarise(lines: readonly AuditLine[]): ShiftSummaryView['totals'] {
  const t = { scans: 0, purchases: 0, purchaseFen: 0, points: 0, refunds: 0, refundFen: 0, coupons: 0, pickups: 0, shipped: 0, cancelled: 0, birthdays: 0 };
  for (const a of lines) {
    const d = a.detail;
    if (a.action === 'member.scan') t.scans++;
    else if (a.action === 'purchase.record') {
      t.purchases++;
      t.purchaseFen += num(d.amountFen);
      t.points += num(d.points);
    } else if (a.action === 'purchase.refund') {
      t.refunds++;
      t.refundFen += num(d.amountFen);
    } else if (a.action === 'coupon.redeem') t.coupons++;
    else if (a.action === 'coupon.undoRedeem') t.coupons--;
    else if (a.action === 'mall.pickup') t.pickups++;
    else if (a.action === 'mall.ship') t.shipped++;
    else if (a.action === 'mall.cancel') t.cancelled++;
    else if (a.action === 'member.correctBirthday') t.birthdays++;
  }
  return t;
}
