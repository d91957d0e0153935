/**
 * `npm run config:check -- <folder>`: lints operator documents kept in a folder (exported from the cloud
 * console or kept in git) with the same checks `admin.configReport` runs on the live database, prints every
 * mistake with its document and field path in Chinese, and exits 1 on any.
 *
 * The folder holds `<collection>.json` (the console's export: one JSON document per line; or a JSON array
 * of documents, or one document) and/or `<collection>/<id>.json` (one document per file; `_id` defaults to
 * the file name).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { RawDocument } from '../cloudfunctions/_core/config/config-check.rules';
import { OPERATOR_DOCUMENTS } from '../cloudfunctions/_core/config/config-registry';
import { checkOperatorDocuments, outcomeLines } from '../cloudfunctions/_core/config/operator-documents-check';

export interface FolderMistake {
  /** `coupon_templates/WELCOME30` or a file name when the file itself cannot be read. */
  where: string;
  /** `kind.amountOffFen：减免金额不能大于使用门槛` */
  line: string;
  /** Own mistakes make the document unusable; warnings are references that do not hold. */
  kind: 'invalid' | 'warning' | 'file';
}

const isDoc = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toRaw(collection: string, value: unknown, source: string, defaultId: string | null, mistakes: FolderMistake[]): RawDocument | null {
  if (!isDoc(value)) {
    mistakes.push({ where: source, line: '(整个文档)：应为一个 JSON 对象', kind: 'file' });
    return null;
  }
  const { _id, ...body } = value;
  const id = typeof _id === 'string' && _id ? _id : defaultId;
  if (!id) {
    mistakes.push({ where: source, line: '_id：缺少文档 ID', kind: 'file' });
    return null;
  }
  return { collection, _id: id, body, source };
}

/** Documents of `<collection>.json`: a JSON array, one object, or one object per line (the console export). */
function readCollectionFile(path: string, collection: string, name: string, mistakes: FolderMistake[]): RawDocument[] {
  const text = readFileSync(path, 'utf8');
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  if (Array.isArray(whole)) return whole.flatMap((v, i) => toRaw(collection, v, `${name} 第 ${i + 1} 项`, null, mistakes) ?? []);
  if (whole !== undefined) return [toRaw(collection, whole, name, null, mistakes)].filter((d): d is RawDocument => d !== null);
  const out: RawDocument[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const doc = toRaw(collection, JSON.parse(line), `${name} 第 ${i + 1} 行`, null, mistakes);
      if (doc) out.push(doc);
    } catch (e) {
      mistakes.push({ where: `${name} 第 ${i + 1} 行`, line: `不是有效的 JSON（${(e as Error).message}）`, kind: 'file' });
    }
  });
  return out;
}

const COLLECTIONS = new Set(OPERATOR_DOCUMENTS.map((s) => s.collection));

export function readDocumentFolder(dir: string): { docs: RawDocument[]; mistakes: FolderMistake[] } {
  const docs: RawDocument[] = [];
  const mistakes: FolderMistake[] = [];
  const unknownCollection = (name: string) =>
    mistakes.push({ where: name, line: `不认识的集合（运营文档的集合有：${[...COLLECTIONS].join('、')}）`, kind: 'file' });
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!COLLECTIONS.has(entry)) {
        unknownCollection(`${entry}/`);
        continue;
      }
      for (const file of readdirSync(path).filter((f) => f.endsWith('.json')).sort()) {
        const name = `${entry}/${file}`;
        try {
          const doc = toRaw(entry, JSON.parse(readFileSync(join(path, file), 'utf8')), name, basename(file, '.json'), mistakes);
          if (doc) docs.push(doc);
        } catch (e) {
          mistakes.push({ where: name, line: `不是有效的 JSON（${(e as Error).message}）`, kind: 'file' });
        }
      }
    } else if (entry.endsWith('.json')) {
      const collection = basename(entry, '.json');
      if (!COLLECTIONS.has(collection)) unknownCollection(entry);
      else docs.push(...readCollectionFile(path, collection, entry, mistakes));
    }
  }
  return { docs, mistakes };
}

/** Every mistake in the folder: unreadable files, documents nobody reads, each document's own and cross-document mistakes. */
export function checkFolder(dir: string): FolderMistake[] {
  const { docs, mistakes } = readDocumentFolder(dir);
  const { outcomes, unknown } = checkOperatorDocuments(docs);
  for (const d of unknown) {
    mistakes.push({ where: `${d.collection}/${d._id}`, line: '(整个文档)：不认识的文档 ID，产品不会读取它', kind: 'file' });
  }
  for (const o of outcomes) {
    const lines = outcomeLines(o);
    for (const line of lines.invalid) mistakes.push({ where: o.address, line, kind: 'invalid' });
    for (const line of lines.warnings) mistakes.push({ where: o.address, line, kind: 'warning' });
  }
  return mistakes;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error('用法：npm run config:check -- <文件夹>');
    process.exit(2);
  }
  const mistakes = checkFolder(dir);
  for (const m of mistakes) console.log(`${m.kind === 'warning' ? '⚠' : '✗'} ${m.where}  ${m.line}`);
  const where = relative(process.cwd(), dir) || '.';
  if (mistakes.length) {
    console.log(`\n${where}：共 ${mistakes.length} 处错误`);
    process.exit(1);
  }
  console.log(`${where}：没有发现错误`);
}
