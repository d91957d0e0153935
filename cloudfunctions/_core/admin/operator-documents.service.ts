import type { Database } from '../../_platform/database.port';
import type { RawDocument } from '../config/config-check.rules';
import { checkOne, specFor } from '../config/config-check.rules';
import { CONFIG_CHANGES, CONFIG_VERSIONS, versionId, type ConfigChangeRecord, type ConfigVersionRecord } from '../config/config-change.record';
import { OPERATOR_DOCUMENTS } from '../config/config-registry';
import { documentHash, operatorContent } from '../config/document-hash';
import { documentAddress } from '../config/operator-document.schema';
import { checkOperatorDocuments, outcomeLines } from '../config/operator-documents-check';
import { problemLine } from '../config/config-check.rules';
import type { StaffContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { runOnce } from '../shared/idempotency';
import type { ConfigChangeView, DocumentHistoryInput, DocumentHistoryView, SaveDocumentInput, SaveDocumentOutput } from './operator-documents.schema';

/** Operators keep far fewer operator documents than this; versions are read in one page. */
const MAX_VERSIONS = 1000;

export const changeView = (c: ConfigChangeRecord): ConfigChangeView => ({
  address: c.address,
  source: c.source,
  kind: c.kind,
  actorName: c.actorName,
  at: new Date(c.at).toISOString(),
  before: c.before,
  after: c.after,
});

/**
 * Compares every operator document with the last version the product recorded and logs what changed outside
 * the product (edited, created or deleted in the console) as a `console` change. Runs on the operator's reads
 * (the config report, a document's history, before a save). The change id is derived from the content found,
 * so two reads at once record one change.
 */
export async function detectConsoleEdits(db: Database, docs: readonly RawDocument[], now: Date): Promise<ConfigChangeRecord[]> {
  const { data: versions } = await db.collection<ConfigVersionRecord>(CONFIG_VERSIONS).limit(MAX_VERSIONS).get();
  const known = new Map(versions.map((v) => [v._id, v]));
  const found: ConfigChangeRecord[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    if (specFor(OPERATOR_DOCUMENTS, doc.collection, doc._id)?.writtenByProduct?.(doc.body)) continue;
    const id = versionId(doc.collection, doc._id);
    seen.add(id);
    const hash = documentHash(doc.body);
    const prior = known.get(id);
    if (prior?.hash === hash) continue;
    const after = operatorContent(doc.body);
    const change: ConfigChangeRecord = {
      address: documentAddress(doc.collection, doc._id),
      source: 'console',
      kind: prior ? 'edited' : 'created',
      actor: null,
      actorName: null,
      at: now,
      before: prior?.snapshot ?? null,
      after,
      afterHash: hash,
    };
    await db.collection(CONFIG_CHANGES).doc(`console:${id}:${hash}`).set({ data: { ...change } });
    // Every change found bumps the revision, so an operator's save started before it is refused (expectedRev).
    await db.collection(CONFIG_VERSIONS).doc(id).set({ data: { address: change.address, hash, rev: (prior?.rev ?? 0) + 1, snapshot: after, at: now } });
    found.push(change);
  }
  for (const v of versions) {
    if (seen.has(v._id)) continue;
    const change: ConfigChangeRecord = { address: v.address, source: 'console', kind: 'deleted', actor: null, actorName: null, at: now, before: v.snapshot, after: null, afterHash: null };
    await db.collection(CONFIG_CHANGES).doc(`console:${v._id}:deleted:${v.hash}`).set({ data: { ...change } });
    await db.collection(CONFIG_VERSIONS).doc(v._id).remove();
    found.push(change);
  }
  return found;
}

/**
 * Saves an operator document through the product: validated by the registry (a document with mistakes is
 * refused with them), written with the next `_rev`, and logged with who, when, before and after in the same
 * transaction. `expectedRev` guards against overwriting an edit made since the operator opened the document
 * (through the product, or in the console: the stored content no longer matches the last recorded version).
 */
export async function saveDocument(ctx: StaffContext, input: SaveDocumentInput): Promise<SaveDocumentOutput> {
  const spec = specFor(OPERATOR_DOCUMENTS, input.collection, input.id);
  if (!spec) throw new AppError('CONFIG_INVALID', `没有 ${input.collection}/${input.id} 这种运营文档`, 'collection');
  const { problems } = checkOne(spec, { collection: input.collection, _id: input.id, body: input.document });
  if (problems.length) throw new AppError('CONFIG_INVALID', problems.map(problemLine).join('；'), 'document');
  const content = operatorContent(input.document);
  const address = documentAddress(input.collection, input.id);
  // Anything changed in the console is logged first, so this save's "before" is what the operator replaces.
  const all = await readAllOperatorDocuments(ctx.db);
  await detectConsoleEdits(ctx.db, all, ctx.clock.now());
  const rev = await runOnce(ctx, 'admin.saveDocument', input.requestId, async (tx, now) => {
    const ref = tx.collection(input.collection).doc(input.id);
    const current = await getOrNull<Record<string, unknown>>(ref);
    const version = await getOrNull<ConfigVersionRecord>(tx.collection<ConfigVersionRecord>(CONFIG_VERSIONS).doc(versionId(input.collection, input.id)));
    const currentRev = version?.rev ?? 0;
    const changedElsewhere = current !== null && version !== null && version.hash !== documentHash(current);
    if (input.expectedRev !== null && (input.expectedRev !== currentRev || changedElsewhere)) {
      throw new AppError('CONFIG_CONFLICT', '这份文档在你编辑期间已被修改，请刷新后重新编辑');
    }
    const next = currentRev + 1;
    const hash = documentHash(content);
    await ref.set({ data: { ...content, _rev: next } });
    await tx.collection(CONFIG_VERSIONS).doc(versionId(input.collection, input.id)).set({ data: { address, hash, rev: next, snapshot: content, at: now } });
    const change: ConfigChangeRecord = {
      address,
      source: 'operator',
      kind: current ? 'edited' : 'created',
      actor: ctx.staff._id,
      actorName: ctx.staff.name,
      at: now,
      before: current ? operatorContent(withoutId(current)) : null,
      after: content,
      afterHash: hash,
    };
    await tx.collection(CONFIG_CHANGES).add({ data: { ...change } });
    return next;
  });
  ctx.cache.invalidate(input.collection);
  const after = [...all.filter((d) => !(d.collection === input.collection && d._id === input.id)), { collection: input.collection, _id: input.id, body: content }];
  const outcome = checkOperatorDocuments(after).outcomes.find((o) => o.address === address);
  return { address, rev, warnings: outcome ? outcomeLines(outcome).warnings : [] };
}

const withoutId = ({ _id, ...rest }: Record<string, unknown>) => (void _id, rest);

/** A document's changes, newest first (console edits found on this read included). */
export async function documentHistory(ctx: StaffContext, input: DocumentHistoryInput): Promise<DocumentHistoryView> {
  await detectConsoleEdits(ctx.db, await readAllOperatorDocuments(ctx.db), ctx.clock.now());
  const address = documentAddress(input.collection, input.id);
  const [{ data }, version] = await Promise.all([
    ctx.db.collection<ConfigChangeRecord>(CONFIG_CHANGES).where({ address }).orderBy('at', 'desc').limit(50).get(),
    getOrNull<ConfigVersionRecord>(ctx.db.collection<ConfigVersionRecord>(CONFIG_VERSIONS).doc(versionId(input.collection, input.id))),
  ]);
  return { rev: version?.rev ?? 0, changes: data.map(changeView) };
}

/** More documents of one kind than this is not something an operator edits by hand; one page each. */
const MAX_PER_COLLECTION = 1000;

/** Every document of every registered collection, as stored. */
export async function readAllOperatorDocuments(db: Database): Promise<RawDocument[]> {
  const collections = [...new Set(OPERATOR_DOCUMENTS.map((s) => s.collection))];
  const pages = await Promise.all(
    collections.map(async (collection) => {
      const { data } = await db.collection(collection).orderBy('_id', 'asc').limit(MAX_PER_COLLECTION).get();
      return data.map(({ _id, ...body }) => ({ collection, _id: String(_id), body }));
    }),
  );
  return pages.flat();
}
