import { RoleConfig } from '../../staff/role.schema';
import { defineDocument } from '../operator-document.schema';

export const rolesDocument = defineDocument({
  key: 'roles',
  title: '店员与运营角色',
  collection: 'roles',
  id: { kind: 'many', pattern: /^[A-Za-z0-9_-]{1,64}$/, meaning: '此人的 openid（在云开发控制台的用户列表中查看）' },
  schema: RoleConfig,
  summary: '店员、店长和运营人员的权限只来自这里。文档编号是此人的 openid。',
  fields: {
    role: 'clerk 店员；manager 店长（可办理跨店退款）；operator 运营',
    storeId: '所在门店编号（见门店文档）；运营填 null',
    name: '姓名，显示在操作记录和店员工作台',
    active: '是否在职；离职后改为 false，不要删除（操作记录要用）',
  },
  example: { _id: 'oAbCdEf1234567890', role: 'clerk', storeId: 'S001', name: '王店员', active: true },
  mistakes: ['storeId 写了门店名称而不是编号，或门店已被删除。', '店员离职后没有把 active 改为 false。'],
});
