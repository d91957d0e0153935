import { systemClock } from '../clock.port';
import { createInstanceCache } from '../instance-cache';
import { jsonLogger } from '../logger.port';
import type { Platform } from '../platform';
import { environmentSecrets } from '../secrets.port';
import { withTransactionRetry } from '../transaction-retry';
import { wrapWxDatabase } from './wx-database';
import { wxIdentity } from './wx-identity';
import { wxOpenApi } from './wx-openapi';
import { wxPayments } from './wx-payments';
import type { WxCloud } from './wx-sdk.types';
import { wxTransfers } from './wx-transfers';
import { wxStorage } from './wx-storage';

export function createWxPlatform(): Platform {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const logger = jsonLogger({ env: 'wx' });
  // Created once per instance (createHandler keeps the platform), so it lives as long as the warm instance.
  const cache = createInstanceCache(systemClock);
  return {
    db: withTransactionRetry(wrapWxDatabase(cloud.database())),
    clock: systemClock,
    identity: wxIdentity(cloud),
    openapi: wxOpenApi(cloud),
    // Payments through cloudPay; payouts through the merchant transfer API (environment WX_TRANSFER_*).
    payments: { ...wxPayments(cloud, logger), ...wxTransfers({ log: logger }) },
    logger,
    secrets: environmentSecrets,
    storage: wxStorage(cloud),
    instanceCache: () => cache,
  };
}
