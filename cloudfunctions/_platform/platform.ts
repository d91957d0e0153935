import type { InstanceCache } from './cache.port';
import type { Clock } from './clock.port';
import type { Database } from './database.port';
import type { IdentityPort } from './identity.port';
import type { Logger } from './logger.port';
import type { OpenApiPort } from './openapi.port';
import type { PaymentsPort } from './payments.port';
import type { SecretsPort } from './secrets.port';
import type { StoragePort } from './storage.port';

/** Everything a function needs from where it runs: WeChat Cloud or the local cloud. */
export interface Platform {
  db: Database;
  clock: Clock;
  identity: IdentityPort;
  openapi: OpenApiPort;
  payments: PaymentsPort;
  logger: Logger;
  secrets: SecretsPort;
  storage: StoragePort;
  /** The cache of the instance running function `fn` (on WeChat an instance runs one function). */
  instanceCache(fn: string): InstanceCache;
}

/**
 * The local cloud installs its platform here before it loads a built function bundle; a bundle deployed to
 * WeChat finds nothing and builds the WeChat platform. A global (not a module variable) because each bundle
 * carries its own copy of this module.
 */
const KEY = Symbol.for('super-user-community.platform');

type Holder = { [KEY]?: Platform };

export function installPlatform(platform: Platform | undefined): void {
  (globalThis as Holder)[KEY] = platform;
}

export function installedPlatform(): Platform | undefined {
  return (globalThis as Holder)[KEY];
}
