import type { JobContext } from '../../_core/shared/use-case-context';
import type { InstanceCache } from '../cache.port';
import type { Platform } from '../platform';

/**
 * What a use case or job receives from where it runs: every port of the platform and the cache of the function
 * instance it runs in (tests may swap some).
 */
export function jobContextOf(platform: Platform, cache: InstanceCache, overrides: Partial<JobContext> = {}): JobContext {
  return {
    db: platform.db,
    clock: platform.clock,
    log: platform.logger,
    openapi: platform.openapi,
    payments: platform.payments,
    secrets: platform.secrets,
    storage: platform.storage,
    cache,
    ...overrides,
  };
}
