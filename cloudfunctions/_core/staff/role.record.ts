/** `roles/{openid}`: created by an operator in the console; staff and operator powers come only from here. */
export type RoleName = 'clerk' | 'manager' | 'operator';

export interface RoleRecord {
  _id: string;
  role: RoleName;
  /** The store a clerk or manager works in; null for operators. */
  storeId: string | null;
  name: string;
  active: boolean;
}

export const ROLES = 'roles';
