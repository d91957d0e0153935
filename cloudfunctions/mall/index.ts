import { mallContract } from '../_core/contracts/mall.contract';
import { cancelOrderByStaff, inspectPickup, pickupOrder, shipOrder, storeOrders } from '../_core/mall/fulfil-order.service';
import { cancelMyOrder, confirmMallPayment, myOrderCode, myOrders } from '../_core/mall/mall-orders.service';
import { mallItem, mallItems } from '../_core/mall/mall-items.service';
import { redeemItem } from '../_core/mall/redeem.service';
import { expireUnpaidOrdersJob } from '../_core/mall/unpaid-orders.job';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  mallContract,
  {
    items: mallItems,
    item: mallItem,
    redeem: redeemItem,
    confirmPayment: confirmMallPayment,
    orders: myOrders,
    cancel: cancelMyOrder,
    orderCode: myOrderCode,
    inspectPickup,
    pickup: pickupOrder,
    storeOrders,
    ship: shipOrder,
    cancelOrder: cancelOrderByStaff,
  },
  { unpaid: expireUnpaidOrdersJob },
);
