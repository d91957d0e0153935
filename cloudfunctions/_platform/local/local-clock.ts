import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../clock.port';

interface SavedClock {
  /** Frozen at this instant (ISO), or running with `offsetMs`. */
  frozenAt: string | null;
  offsetMs: number;
}

/**
 * Real time by default; tests and the dev gateway may freeze it or move it. With `persistTo` (the data
 * folder's dev-clock.json) every change is saved and read back on start, so a developer who moved time to try
 * expiry finds it moved after restarting `npm start`.
 */
export class LocalClock implements Clock {
  private frozen: Date | null = null;
  private offsetMs = 0;

  constructor(private readonly persistTo?: string) {
    if (persistTo && existsSync(persistTo)) {
      try {
        const saved = JSON.parse(readFileSync(persistTo, 'utf8')) as SavedClock;
        const frozen = saved.frozenAt ? new Date(saved.frozenAt) : null;
        if (frozen && !Number.isNaN(frozen.getTime())) this.frozen = frozen;
        if (Number.isFinite(saved.offsetMs)) this.offsetMs = saved.offsetMs;
      } catch {
        // A broken file is a dev convenience lost, not a reason to refuse to start: real time it is.
      }
    }
  }

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date(Date.now() + this.offsetMs);
  }
  /** Freezes time at `at`. */
  set(at: Date): void {
    this.frozen = new Date(at);
    this.save();
  }
  /** Moves time forward (frozen or running). */
  advance(ms: number): void {
    if (this.frozen) this.frozen = new Date(this.frozen.getTime() + ms);
    else this.offsetMs += ms;
    this.save();
  }
  /** Lets time run from `at` onwards. */
  runFrom(at: Date): void {
    this.frozen = null;
    this.offsetMs = at.getTime() - Date.now();
    this.save();
  }
  reset(): void {
    this.frozen = null;
    this.offsetMs = 0;
    this.save();
  }

  private save(): void {
    if (!this.persistTo) return;
    const saved: SavedClock = { frozenAt: this.frozen ? this.frozen.toISOString() : null, offsetMs: this.offsetMs };
    // Write then rename: a crash mid-write never leaves a torn file.
    writeFileSync(`${this.persistTo}.tmp`, JSON.stringify(saved));
    renameSync(`${this.persistTo}.tmp`, this.persistTo);
  }
}
