/**
 * One process per data folder: two writers appending to one journal would interleave their lines.
 * The lock file holds the owner's pid; a lock whose process is gone (killed) is stale and taken over.
 */
import * as fs from 'fs';
import * as path from 'path';

export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'LOCK');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      return () => release(file, mine);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readPid(file);
    if (owner !== undefined && isAlive(owner)) {
      const who = owner === process.pid ? 'this process (another open database)' : `process ${owner}`;
      throw new Error(
        `local database ${dir} is already open by ${who} (lock file ${file}); close it first, or delete the lock file if that process is gone`,
      );
    }
    try {
      fs.unlinkSync(file); // stale: its process no longer exists
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new Error(`could not acquire lock file ${file}`);
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function release(file: string, mine: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
  } catch {
    // already gone
  }
}
