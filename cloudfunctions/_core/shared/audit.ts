import type { Database, Transaction } from '../../_platform/database.port';
import type { RoleRecord } from '../staff/role.record';

/** `audit_log`: who (staff openid and role), where (store), when, what. Append-only. */
export const AUDIT_LOG = 'audit_log';

export interface AuditEntry {
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** Inside the transaction of the change it records; a read (an operator looking at a member) writes it directly. */
export async function appendAudit(tx: Transaction | Database, actor: Pick<RoleRecord, '_id' | 'storeId'> & { role: string }, entry: AuditEntry, at: Date): Promise<void> {
  await tx.collection(AUDIT_LOG).add({
    data: { actor: actor._id, role: actor.role, storeId: actor.storeId, ...entry, at },
  });
}

/**
 * An operator's action taken outside the app (the cloud console has no caller identity): the operator names
 * themself, and the entry says it came from the console.
 */
export async function appendConsoleAudit(db: Database, operator: string, entry: AuditEntry, at: Date): Promise<void> {
  await db.collection(AUDIT_LOG).add({
    data: { actor: `console:${operator}`, role: 'console', storeId: null, ...entry, at },
  });
}
