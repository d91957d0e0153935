/**
 * `npm run check:ledger`: replays every member's point entries and every distributor's commission entries and
 * compares them with the cached accounts (DESIGN.md principle 4). Runs against a local cloud data folder (`DATA_DIR`, default `.data`); the folder is
 * locked by a running `npm start`, so stop it first. Exit code 1 lists every mismatch.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COLLECTION_NAMES, INDEXES } from '../cloudfunctions/_core/collections';
import { checkCommissionLedger } from '../cloudfunctions/_core/distribution/commission-ledger-check.service';
import { checkLedger } from '../cloudfunctions/_core/points/ledger-check.service';
import { createLocalDatabase } from '../cloudfunctions/_platform/local/database';

async function main(): Promise<number> {
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  if (!existsSync(dataDir)) {
    console.error(`no data folder at ${dataDir} (set DATA_DIR)`);
    return 2;
  }
  const db = await createLocalDatabase({ dataDir, collections: COLLECTION_NAMES, indexes: [...INDEXES] });
  try {
    let failed = 0;
    for (const [name, check] of [['points', checkLedger], ['commissions', checkCommissionLedger]] as const) {
      const started = Date.now();
      const { accounts, entries, mismatches } = await check(db);
      const ms = Date.now() - started;
      console.log(`${name} ledger check of ${dataDir}: ${accounts} accounts, ${entries} entries, ${mismatches.length} mismatches (${ms} ms)`);
      for (const m of mismatches) console.log(`  ${m.openid}: ${m.problem}`);
      failed += mismatches.length;
    }
    return failed ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
