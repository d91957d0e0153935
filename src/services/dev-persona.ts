/**
 * H5 only (imported by *.h5.ts(x) files): on the local cloud the caller's identity is a dev persona, sent as
 * the `x-dev-openid` header. The chosen persona survives reloads in localStorage; the default is the first
 * persona the local cloud lists.
 */
export type PersonaRole = 'member' | 'visitor' | 'clerk' | 'operator';

export interface DevPersona {
  openid: string;
  name: string;
  role: PersonaRole;
  description: string;
}

export const DEV_OPENID_KEY = 'dev-openid';

let personasPromise: Promise<DevPersona[]> | undefined;

export function listPersonas(): Promise<DevPersona[]> {
  personasPromise ??= fetch('/api/_dev/personas')
    .then((res) => {
      if (!res.ok) throw new Error(`personas: HTTP ${res.status}`);
      return res.json() as Promise<DevPersona[]>;
    })
    .catch((e: unknown) => {
      personasPromise = undefined; // let the next call retry
      throw e;
    });
  return personasPromise;
}

export function storedOpenid(): string | null {
  try {
    return window.localStorage.getItem(DEV_OPENID_KEY);
  } catch {
    return null;
  }
}

/** The openid to call as: the stored choice, else the first persona (remembered from then on). */
export async function currentOpenid(): Promise<string> {
  const stored = storedOpenid();
  if (stored) return stored;
  const personas = await listPersonas();
  const first = personas[0];
  if (!first) throw new Error('the local cloud lists no dev personas');
  window.localStorage.setItem(DEV_OPENID_KEY, first.openid);
  return first.openid;
}

/** Switches identity; the caller reloads the page so every view is fetched again as the new persona. */
export function choosePersona(openid: string): void {
  window.localStorage.setItem(DEV_OPENID_KEY, openid);
}
