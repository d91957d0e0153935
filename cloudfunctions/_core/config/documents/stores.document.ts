import { StoresConfig } from '../../stores/stores-config.schema';
import { defineDocument } from '../operator-document.schema';

export const storesDocument = defineDocument({
  key: 'stores',
  title: '门店',
  collection: 'app_config',
  id: { kind: 'single', id: 'stores' },
  schema: StoresConfig,
  summary: '品牌的门店。会员从可自提的门店中选择自提点；店员角色、优惠券和商品用门店编号指代门店，会员只看到名称。',
  fields: {
    stores: '门店列表，至少一家',
    'stores[].id': '门店编号（2-16 位字母、数字、-或_），不能重复，上线后不要改',
    'stores[].name': '门店名称，会员和店员看到的名字',
    'stores[].address': '门店地址',
    'stores[].pickup': '会员能否选择此门店自提兑换的商品，默认可以',
  },
  example: {
    _id: 'stores',
    stores: [
      { id: 'S001', name: '静安店', address: '上海市静安区南京西路 1 号', pickup: true },
      { id: 'S002', name: '徐汇店', address: '上海市徐汇区衡山路 8 号', pickup: true },
    ],
  },
  mistakes: ['删除了仍有店员、券或商品使用的门店：它们会指向不存在的门店。', '两家门店编号相同。'],
});
