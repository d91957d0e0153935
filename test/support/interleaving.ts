import { AsyncLocalStorage } from 'node:async_hooks';
import type { PaymentsPort } from '../../cloudfunctions/_platform/payments.port';

/**
 * Deterministic interleavings of concurrent actors (a payment notice, confirms, a timer...).
 *
 * Each actor runs inside its own async context and stops at every gate (a payment call, its answer, or any
 * point a test marks with `gate`). Only one actor runs at a time, from one gate to its next, and the
 * schedule decides which parked actor goes next: the same schedule always gives the same interleaving.
 * Between gates an actor's database operations run alone, so the races a test explores are exactly the
 * ones at the gates: calls to WeChat Pay and the answers coming back late.
 */
export type Schedule = (ready: readonly string[], step: number) => string;

export interface RunResult {
  /** Every step taken, `actor:gate`, in order: print it when an assertion fails. */
  trace: string[];
  outcomes: Record<string, PromiseSettledResult<unknown>>;
}

export class Interleaver {
  private readonly actor = new AsyncLocalStorage<string>();
  private readonly parked = new Map<string, { label: string; go: () => void }>();
  private readonly finished = new Set<string>();
  private wake: (() => void) | null = null;

  /** Parks the calling actor until the schedule lets it go; code outside an actor passes straight through. */
  gate(label: string): Promise<void> {
    const name = this.actor.getStore();
    if (!name) return Promise.resolve();
    return new Promise<void>((go) => {
      this.parked.set(name, { label, go });
      this.poke();
    });
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Runs every actor to the end, one step at a time, in the order `schedule` picks. */
  async run(actors: Record<string, () => Promise<unknown>>, schedule: Schedule): Promise<RunResult> {
    this.parked.clear();
    this.finished.clear();
    const names = Object.keys(actors);
    const running = names.map((name) =>
      this.actor
        .run(name, async () => {
          await this.gate('start');
          return actors[name]();
        })
        .finally(() => {
          this.finished.add(name);
          this.poke();
        }),
    );
    const trace: string[] = [];
    for (let step = 0; this.parked.size > 0; step++) {
      const ready = [...this.parked.keys()].sort();
      const pick = schedule(ready, step);
      const parked = this.parked.get(pick);
      if (!parked) throw new Error(`schedule picked ${pick}, not among ${ready.join(', ')}`);
      this.parked.delete(pick);
      trace.push(`${pick}:${parked.label}`);
      parked.go();
      // Until the released actor parks again or ends; nobody else can move meanwhile.
      while (!this.parked.has(pick) && !this.finished.has(pick)) await new Promise<void>((r) => (this.wake = r));
    }
    const settled = await Promise.allSettled(running);
    // Out of Node's process-wide storage list (see LocalIdentity.close); the next run enables it again.
    this.actor.disable();
    return { trace, outcomes: Object.fromEntries(names.map((n, i) => [n, settled[i]])) };
  }
}

/** A payments port whose every call and every answer is a gate: a call may land, and its answer come back, at any step. */
export function gatedPayments(inner: PaymentsPort, il: Interleaver): PaymentsPort {
  const gated =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await il.gate(name);
      const answer = await fn(...args);
      await il.gate(`${name}:answer`);
      return answer;
    };
  return {
    unifiedOrder: gated('unifiedOrder', (i) => inner.unifiedOrder(i)),
    queryOrder: gated('queryOrder', (n) => inner.queryOrder(n)),
    refund: gated('refund', (i) => inner.refund(i)),
    transfer: gated('transfer', (i) => inner.transfer(i)),
    queryTransfer: gated('queryTransfer', (n) => inner.queryTransfer(n)),
  };
}

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Any ready actor, drawn from a seeded generator. */
export function randomSchedule(seed: number): Schedule {
  const next = seeded(seed);
  return (ready) => ready[Math.floor(next() * ready.length)];
}

/** The first ready actor in `priority` order: with all actors listed, each runs to its end before the next. */
export function prioritySchedule(priority: readonly string[]): Schedule {
  return (ready) => priority.find((a) => ready.includes(a)) ?? ready[0];
}

/** Follows `script` (actor names) step by step while it names a ready actor, then the first ready one. */
export function scriptedSchedule(script: readonly string[]): Schedule {
  return (ready, step) => (step < script.length && ready.includes(script[step]) ? script[step] : ready[0]);
}

export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}
