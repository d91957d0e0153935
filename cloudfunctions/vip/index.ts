import { vipContract } from '../_core/contracts/vip.contract';
import { buyGiftPack, buyVip, confirmGiftPack, confirmVip, vipOffer } from '../_core/vip/vip.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(vipContract, { offer: vipOffer, buy: buyVip, confirm: confirmVip, buyGiftPack, confirmGiftPack });
