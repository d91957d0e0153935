import { DatabaseError, type DocData, type Transaction, type WithId } from '../../cloudfunctions/_platform/database.port';
import { clone } from '../../cloudfunctions/_platform/local/database/values';

/**
 * A transaction over an in-memory map (`<collection>/<id>` -> document), for running the real ledger services
 * (`postInTx`, `postCommissionsInTx`) while generating benchmark data: writing the documents they produce with
 * plain `set`s is ~10x faster than hundreds of thousands of journaled transactions and yields exactly the same
 * documents (each benchmark's ledger check proves they are consistent).
 */
export function memoryTransaction(docs: Map<string, DocData>): Transaction {
  return {
    collection: <T = DocData>(name: string) => ({
      doc: (id: string) => ({
        get: async () => {
          const doc = docs.get(`${name}/${id}`);
          if (!doc) throw new DatabaseError('not-found', `${name}/${id}`);
          return { data: { ...clone(doc), _id: id } as WithId<T> };
        },
        set: async ({ data }: { data: DocData }) => {
          docs.set(`${name}/${id}`, clone(data));
          return { _id: id, stats: { updated: 0, created: 1 } };
        },
        update: () => Promise.reject(new Error('not used by the ledger services')),
        remove: () => Promise.reject(new Error('not used by the ledger services')),
      }),
      add: () => Promise.reject(new Error('not used by the ledger services')),
    }),
  };
}
