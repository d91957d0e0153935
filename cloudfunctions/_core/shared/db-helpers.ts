import { isDatabaseError, type DocData, type WithId } from '../../_platform/database.port';

type Gettable<T> = { get(): Promise<{ data: WithId<T> }> };

/** `doc().get()` rejects on a missing document (as the SDK does); most use cases want null instead. */
export async function getOrNull<T = DocData>(ref: Gettable<T>): Promise<WithId<T> | null> {
  try {
    return (await ref.get()).data;
  } catch (e) {
    if (isDatabaseError(e, 'not-found')) return null;
    throw e;
  }
}
