/**
 * The network between a cloud function and the cloud database, as a model the local database can apply.
 *
 * Without a model every operation only yields to the event loop (microseconds): right for `npm start` and tests.
 * With one, every operation waits a round trip (`opMs` ± `jitterMs`), a transaction's begin and commit wait
 * `beginMs` and `commitMs` (wx-server-sdk sends `database.startTransaction` and `database.commitTransaction` as
 * requests of their own, see @cloudbase/database transaction/index.js), and at most `maxConcurrent` operations
 * are in flight at once (further ones queue), as a function instance's connection quota allows. The README explains
 * the values chosen for benchmarks (MODELLED_LATENCY).
 */

export interface LatencyModel {
  /** Typical ms of one database operation's round trip. */
  opMs: number;
  /** Each round trip takes opMs ± up to this many ms (uniform). */
  jitterMs: number;
  /** ms of a transaction attempt's begin (its own request); jitter applies too. */
  beginMs: number;
  /** ms of a transaction's commit (its own request); jitter applies too. */
  commitMs: number;
  /** Database operations in flight at once (more wait for a slot); 0 = no cap. */
  maxConcurrent: number;
}

/** What the benchmarks model (README, "Measured"): an assumption, not a measurement; see there why. */
export const MODELLED_LATENCY: LatencyModel = { opMs: 10, jitterMs: 5, beginMs: 10, commitMs: 10, maxConcurrent: 20 };

export type RoundTripKind = 'op' | 'begin' | 'commit';

/** How a round trip waits; tests and the critical-path counter replace real timers. */
export interface RoundTripClock {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1), for the jitter. */
  random(): number;
}

export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realClock: RoundTripClock = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random };

/**
 * Reads the model from the environment: LOCAL_DB_LATENCY_MS (0 or unset: no model), LOCAL_DB_JITTER_MS
 * (default 0), LOCAL_DB_BEGIN_MS and LOCAL_DB_COMMIT_MS (default: the operation latency), LOCAL_DB_MAX_CONCURRENT
 * (default 0).
 */
export function latencyFromEnv(env: Record<string, string | undefined>): LatencyModel | null {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number of milliseconds, got "${raw}"`);
    return n;
  };
  const opMs = num('LOCAL_DB_LATENCY_MS', 0);
  const maxConcurrent = Math.floor(num('LOCAL_DB_MAX_CONCURRENT', 0));
  if (opMs === 0 && maxConcurrent === 0) return null;
  return {
    opMs,
    jitterMs: num('LOCAL_DB_JITTER_MS', 0),
    beginMs: num('LOCAL_DB_BEGIN_MS', opMs),
    commitMs: num('LOCAL_DB_COMMIT_MS', opMs),
    maxConcurrent,
  };
}

/** Applies the model to each operation: wait for a slot, wait the round trip, run the operation, free the slot. */
export class RoundTrips {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private model: LatencyModel | null = null,
    private clock: RoundTripClock = realClock,
  ) {}

  configure(model: LatencyModel | null, clock: RoundTripClock = realClock): void {
    this.model = model;
    this.clock = clock;
  }

  current(): LatencyModel | null {
    return this.model;
  }

  /** `body` runs synchronously (atomically) once the round trip is over. */
  async run<R>(kind: RoundTripKind, body: () => R): Promise<R> {
    const model = this.model;
    if (!model) {
      await yieldTurn();
      return body();
    }
    await this.acquire(model.maxConcurrent);
    try {
      await this.clock.sleep(this.duration(model, kind));
      return body();
    } finally {
      this.release();
    }
  }

  private duration(model: LatencyModel, kind: RoundTripKind): number {
    const base = kind === 'begin' ? model.beginMs : kind === 'commit' ? model.commitMs : model.opMs;
    return Math.max(0, base + (this.clock.random() * 2 - 1) * model.jitterMs);
  }

  private acquire(cap: number): Promise<void> | void {
    if (cap <= 0 || this.inFlight < cap) {
      this.inFlight++;
      return;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes on
    else this.inFlight--;
  }
}

/**
 * A clock in which time passes only when everything running waits for a round trip: each `sleep` ends when
 * the program has been idle for a few event-loop turns, earliest deadline first. With every round trip 1 ms
 * long and no jitter, `now()` after a call is the number of round trips on its critical path: sequential
 * operations add up, operations awaited together (Promise.all) count once. Deterministic and fast.
 */
export class VirtualClock implements RoundTripClock {
  private t = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  private activity = 0;
  private seen = -1;
  private quietTurns = 0;
  private ticking = false;

  /** `random` drives the jitter: the default gives none; pass a seeded one for repeatable jitter. */
  constructor(readonly random: () => number = () => 0.5) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.timers.push({ at: this.t + ms, resolve });
      this.activity++;
      if (!this.ticking) {
        this.ticking = true;
        setImmediate(this.tick);
      }
    });
  }

  /** Idle = no new round trip for QUIET_TURNS turns: then the earliest round trips end together. */
  private readonly tick = () => {
    if (this.activity !== this.seen) {
      this.seen = this.activity;
      this.quietTurns = 0;
    } else if (++this.quietTurns >= VirtualClock.QUIET_TURNS) {
      this.quietTurns = 0;
      this.t = Math.min(...this.timers.map((x) => x.at));
      const due = this.timers.filter((x) => x.at <= this.t);
      this.timers = this.timers.filter((x) => x.at > this.t);
      this.activity++;
      for (const x of due) x.resolve();
    }
    if (this.timers.length > 0) setImmediate(this.tick);
    else this.ticking = false;
  };

  private static readonly QUIET_TURNS = 3;
}
