import type { InstanceCache } from '../../_platform/cache.port';
import type { Clock } from '../../_platform/clock.port';
import type { Database } from '../../_platform/database.port';
import type { Caller } from '../../_platform/identity.port';
import type { Logger } from '../../_platform/logger.port';
import type { OpenApiPort } from '../../_platform/openapi.port';
import type { PaymentsPort } from '../../_platform/payments.port';
import type { SecretsPort } from '../../_platform/secrets.port';
import type { StoragePort } from '../../_platform/storage.port';

/** What every use case receives: the ports, and the caller as the platform identified it. */
export interface UseCaseContext {
  db: Database;
  clock: Clock;
  log: Logger;
  openapi: OpenApiPort;
  payments: PaymentsPort;
  secrets: SecretsPort;
  storage: StoragePort;
  /** This function instance's cache (operator documents, see config/operator-config.ts). */
  cache: InstanceCache;
  caller: Caller;
}

/** Timer jobs have no caller. */
export type JobContext = Omit<UseCaseContext, 'caller'>;
