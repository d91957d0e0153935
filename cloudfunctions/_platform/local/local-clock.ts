import type { Clock } from '../clock.port';

/** Real time by default; tests and the dev gateway may freeze it or move it. */
export class LocalClock implements Clock {
  private frozen: Date | null = null;
  private offsetMs = 0;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date(Date.now() + this.offsetMs);
  }
  /** Freezes time at `at`. */
  set(at: Date): void {
    this.frozen = new Date(at);
  }
  /** Moves time forward (frozen or running). */
  advance(ms: number): void {
    if (this.frozen) this.frozen = new Date(this.frozen.getTime() + ms);
    else this.offsetMs += ms;
  }
  /** Lets time run from `at` onwards. */
  runFrom(at: Date): void {
    this.frozen = null;
    this.offsetMs = at.getTime() - Date.now();
  }
  reset(): void {
    this.frozen = null;
    this.offsetMs = 0;
  }
}
