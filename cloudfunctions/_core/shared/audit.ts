import type { Transaction } from '../../_platform/database.port';
import type { RoleRecord } from '../staff/role.record';

/** `audit_log`: who (staff openid and role), where (store), when, what. Append-only. */
export const AUDIT_LOG = 'audit_log';

export interface AuditEntry {
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export async function appendAudit(tx: Transaction, actor: RoleRecord, entry: AuditEntry, at: Date): Promise<void> {
  await tx.collection(AUDIT_LOG).add({
    data: { actor: actor._id, role: actor.role, storeId: actor.storeId, ...entry, at },
  });
}
