/**
 * `npm run check:ledger`: replays every member's point entries and compares them with the cached account
 * (DESIGN.md principle 4). Runs against a local cloud data folder (`DATA_DIR`, default `.data`); the folder is
 * locked by a running `npm start`, so stop it first. Exit code 1 lists every mismatch.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COLLECTION_NAMES, INDEXES } from '../cloudfunctions/_core/collections';
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
    const started = Date.now();
    const { accounts, entries, mismatches } = await checkLedger(db);
    const ms = Date.now() - started;
    console.log(`ledger check of ${dataDir}: ${accounts} accounts, ${entries} entries, ${mismatches.length} mismatches (${ms} ms)`);
    for (const m of mismatches) console.log(`  ${m.openid}: ${m.problem}`);
    return mismatches.length ? 1 : 0;
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
