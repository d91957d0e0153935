/** Who a developer can be in the local H5 app (the persona switcher lists these). */
export interface Persona {
  openid: string;
  name: string;
  role: 'member' | 'visitor' | 'clerk' | 'operator';
  description: string;
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'dev-member-lin', name: '林小满', role: 'member', description: '金卡会员，常来门店的老朋友' },
  { openid: 'dev-visitor', name: '新朋友', role: 'visitor', description: '第一次打开小程序，还没注册' },
  { openid: 'dev-clerk-wang', name: '王店员', role: 'clerk', description: '静安店店员，负责扫码记消费' },
  { openid: 'dev-operator-zhou', name: '运营小周', role: 'operator', description: '品牌运营，负责配置' },
];
