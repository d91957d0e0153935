/** What the benchmark scripts share: generating documents through the real services, and timing queries. */
import { DatabaseError, type Database, type DocData, type Transaction, type WithId } from '../cloudfunctions/_platform/database.port';

/**
 * A transaction over an in-memory map (`<collection>/<id>` -> document), for running the real ledger services
 * (`postInTx`, `postCommissionsInTx`) while generating data: writing the documents they produce with plain
 * `set`s is ~10x faster than hundreds of thousands of journaled transactions and yields exactly the same
 * documents (each benchmark's ledger check at the end proves they are consistent).
 */
export function memoryTransaction(docs: Map<string, DocData>): Transaction {
  return {
    collection: <T = DocData>(name: string) => ({
      doc: (id: string) => ({
        get: async () => {
          const doc = docs.get(`${name}/${id}`);
          if (!doc) throw new DatabaseError('not-found', `${name}/${id}`);
          return { data: { ...structuredClone(doc), _id: id } as WithId<T> };
        },
        set: async ({ data }: { data: DocData }) => {
          docs.set(`${name}/${id}`, structuredClone(data));
          return { _id: id, stats: { updated: 0, created: 1 } };
        },
        update: () => Promise.reject(new Error('not used by the ledger services')),
        remove: () => Promise.reject(new Error('not used by the ledger services')),
      }),
      add: () => Promise.reject(new Error('not used by the ledger services')),
    }),
  };
}

/** Writes `<collection>/<id>` -> document pairs with plain sets, concurrently; returns how many. */
export async function writeDocs(db: Database, docs: Iterable<[string, DocData]>): Promise<number> {
  const writes = [...docs].map(([path, data]) => {
    const slash = path.indexOf('/');
    return db.collection(path.slice(0, slash)).doc(path.slice(slash + 1)).set({ data });
  });
  await Promise.all(writes);
  return writes.length;
}

/** The database with the time spent in queries (`where...get`, outside transactions) added up. */
export function timingQueries(db: Database, spent: { ms: number }): Database {
  const wrap = <T extends object>(q: T): T =>
    new Proxy(q, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop === 'get') {
          return async () => {
            const t = performance.now();
            try {
              return await value.call(target);
            } finally {
              spent.ms += performance.now() - t;
            }
          };
        }
        if (['where', 'orderBy', 'limit', 'skip', 'field'].includes(String(prop))) return (...args: unknown[]) => wrap(value.apply(target, args));
        return value.bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection') return (name: string) => wrap(target.collection(name));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

