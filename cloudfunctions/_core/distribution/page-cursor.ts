import type { DbCommand } from '../../_platform/database.port';

/**
 * Newest-first pages over (a time field, _id): the cursor is `<ISO time>|<_id>`, so two documents with the
 * same time are neither skipped nor repeated across pages.
 */
export function cursorOf(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`;
}

/** The query for the page after `cursor` (or the first page), `base` being the other conditions. */
export function afterCursor(_: DbCommand, base: Record<string, unknown>, field: string, cursor: string | undefined): Record<string, unknown> {
  if (!cursor) return base;
  const bar = cursor.lastIndexOf('|');
  const at = new Date(cursor.slice(0, bar));
  const id = cursor.slice(bar + 1);
  if (bar < 0 || Number.isNaN(at.getTime())) return base;
  return _.and([base, _.or([{ [field]: _.lt(at) }, { [field]: at, _id: _.lt(id) }])]) as unknown as Record<string, unknown>;
}
