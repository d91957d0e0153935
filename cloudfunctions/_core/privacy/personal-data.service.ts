import type { Database, DocData, WithId } from '../../_platform/database.port';
import { getOrNull } from '../shared/db-helpers';
import { PERSONAL_DATA, type PersonalData } from './personal-data.map';

export type PersonalEntry = Extract<PersonalData, { find: unknown }>;

export const PERSONAL_ENTRIES: readonly PersonalEntry[] = PERSONAL_DATA.filter((e): e is PersonalEntry => 'find' in e);

const PAGE = 1000;

/** The fields that may hold the member's openid (none when the document id is the openid). */
export const ownerFields = (entry: PersonalEntry): readonly string[] => (entry.find.by === 'id' ? [] : [entry.find.field, ...(entry.find.also ?? [])]);

/** Every document of one collection that belongs to the member, paged by `_id` (1,000 per query), once each. */
export async function memberDocuments(db: Database, entry: PersonalEntry, openid: string): Promise<WithId<DocData>[]> {
  if (entry.find.by === 'id') {
    const doc = await getOrNull(db.collection(entry.collection).doc(openid));
    return doc ? [doc] : [];
  }
  const found = new Map<string, WithId<DocData>>();
  for (const field of ownerFields(entry)) for (const doc of await documentsWhere(db, entry.collection, field, openid)) found.set(doc._id, doc);
  return [...found.values()];
}

async function documentsWhere(db: Database, collection: string, field: string, openid: string): Promise<WithId<DocData>[]> {
  const _ = db.command;
  const out: WithId<DocData>[] = [];
  let after: string | null = null;
  for (;;) {
    const where: DocData = { [field]: openid, ...(after === null ? {} : { _id: _.gt(after) }) };
    const { data } = await db.collection(collection).where(where).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
    after = data[data.length - 1]._id;
  }
}

/** How many documents the member has in each collection (for choosing between an export now and by the job). */
export async function countMemberDocuments(db: Database, openid: string): Promise<number> {
  const counts = await Promise.all(
    PERSONAL_ENTRIES.map(async (e) =>
      e.find.by === 'id'
        ? (await getOrNull(db.collection(e.collection).doc(openid))) ? 1 : 0
        : (await Promise.all(ownerFields(e).map((f) => db.collection(e.collection).where({ [f]: openid }).count()))).reduce((n, c) => n + c.total, 0),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Replaces the openid wherever it occurs in a value (ids such as `checkin:<openid>:<day>` included). */
export function replaceOpenid<T>(value: T, openid: string, anonId: string): T {
  if (typeof value === 'string') return value.split(openid).join(anonId) as T;
  if (Array.isArray(value)) return value.map((v) => replaceOpenid(v, openid, anonId)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceOpenid(v, openid, anonId)])) as T;
}

/** Sets a dotted path to null where it exists. */
function blankPath(obj: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (!(head in obj)) return;
  if (rest.length === 0) obj[head] = null;
  else if (typeof obj[head] === 'object' && obj[head] !== null) blankPath(obj[head] as Record<string, unknown>, rest);
}

/**
 * Erases one member's documents of one collection: deleted, or anonymised (moved to an id without the openid
 * when the id contains it). Idempotent: a run stopped half-way is finished by the next one.
 */
export async function eraseCollection(db: Database, entry: PersonalEntry, openid: string, anonId: string): Promise<number> {
  const docs = await memberDocuments(db, entry, openid);
  for (const doc of docs) {
    const ref = db.collection(entry.collection).doc(doc._id);
    if (entry.erase === 'delete') {
      await ref.remove();
      continue;
    }
    const { _id, ...body } = replaceOpenid(doc, openid, anonId);
    for (const path of entry.blank ?? []) blankPath(body, path.split('.'));
    Object.assign(body, entry.set);
    if (_id === doc._id) await ref.set({ data: body });
    else {
      await db.collection(entry.collection).doc(_id).set({ data: body });
      await ref.remove();
    }
  }
  for (const field of entry.referencedBy ?? []) await replaceReferences(db, entry.collection, field, openid, anonId);
  return docs.length;
}

/** Other members' documents naming the member in `field` (through its index): the value becomes the anonymous id. */
async function replaceReferences(db: Database, collection: string, field: string, openid: string, anonId: string): Promise<void> {
  for (;;) {
    const { data } = await db.collection(collection).where({ [field]: openid }).limit(PAGE).field({ _id: true }).get();
    for (const doc of data) await db.collection(collection).where({ _id: doc._id, [field]: openid }).update({ data: { [field]: anonId } });
    if (data.length < PAGE) return;
  }
}
