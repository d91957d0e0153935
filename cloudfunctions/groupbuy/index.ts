import { groupbuyContract } from '../_core/contracts/groupbuy.contract';
import { dealDetail, groupPage, listDeals, myGroups } from '../_core/groupbuy/deal-views.service';
import { dealOrderCode, inspectDealPickup, pickupDealOrder, shipDealOrder } from '../_core/groupbuy/deal-fulfil.service';
import { buyFlash, flashSales } from '../_core/groupbuy/flash-sale.service';
import { confirmDealPayment, groupPoster, joinGroup, openGroup, resolveScene } from '../_core/groupbuy/group-buy.service';
import { groupBuyJob } from '../_core/groupbuy/groupbuy.job';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  groupbuyContract,
  {
    deals: listDeals,
    deal: dealDetail,
    open: openGroup,
    join: joinGroup,
    confirm: confirmDealPayment,
    group: groupPage,
    myGroups,
    poster: groupPoster,
    scene: resolveScene,
    flashSales,
    flashBuy: buyFlash,
    orderCode: dealOrderCode,
    inspectPickup: inspectDealPickup,
    pickup: pickupDealOrder,
    ship: shipDealOrder,
  },
  { minutely: groupBuyJob },
);
