import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../_core/shared/errors';
import type { JobContext } from '../../_core/shared/use-case-context';
import { jobContextOf } from '../runtime/job-context';
import { COLLECTION_NAMES, INDEXES } from '../../_core/collections';
import { randomBytes } from 'node:crypto';
import { jsonLogger, type Logger } from '../logger.port';
import { createInstanceCache } from '../instance-cache';
import { noInstanceCache, type InstanceCache } from '../cache.port';
import { installPlatform, type Platform } from '../platform';
import { TRANSACTION_RETRY, withTransactionRetry, type TransactionRetryPolicy } from '../transaction-retry';
import { createLocalDatabase, latencyFromEnv, type LatencyModel, type LocalDatabase } from './database';
import { LocalClock } from './local-clock';
import { LocalIdentity } from './local-identity';
import { createLocalOpenApi, DEV_OUTBOX, type LocalOpenApi, type MediaCheckDelivery } from './local-openapi';
import { createLocalStorage, type LocalStorage } from './local-storage';
import { createPaymentSandbox, DEV_PAYMENTS, DEV_TRANSFERS, type PaymentSandbox } from './payment-sandbox';
import { firesBetween, previousFire, readTriggers, type TimerTrigger } from './timer-schedule';

export type FunctionMain = (event: unknown) => Promise<Result<unknown>>;

/** One run of a due trigger: `at` is its latest due firing, `firings` how many fell due (up to the cap). */
export interface TimerRun {
  fn: string;
  name: string;
  at: Date;
  firings: number;
  ok: boolean;
}

/** Firings counted per trigger and catch-up (counting costs ~0.5 ms each); more are reported as this many. */
export const MAX_COUNTED_FIRINGS = 200;

/** The function the environment's 消息推送 (message push) is configured to call. */
export const MESSAGE_PUSH_FUNCTION = 'community';

export interface LocalCloudOptions {
  /** Where the database lives; absent = memory only (tests). */
  dataDir?: string;
  /** Built functions (dist/cloudfunctions): each `<fn>/index.js` exports `main`, `<fn>/config.json` its triggers. */
  functionsDir: string;
  /** How to get a function's `main`; default: require the built bundle. Integration tests pass the sources. */
  loadMain?: (fn: string) => FunctionMain;
  logger?: Logger;
  /**
   * Collections that exist only for this run besides the spec's (a test's ad-hoc fixtures). The spec is
   * never widened: code that needs a collection declares it in `_core/collections.ts`.
   */
  testCollections?: readonly string[];
  /** Our transaction retry (default: the one WeChat functions get); `null` = the SDK's behaviour alone (benchmarks compare). */
  transactionRetry?: TransactionRetryPolicy | null;
  /** The database's network model (database/latency.ts); default: from LOCAL_DB_LATENCY_MS & co., else none. */
  latency?: LatencyModel | null;
}

/** The local cloud's own stand-ins for platform services (never deployed). */
export const LOCAL_ONLY_COLLECTIONS: readonly string[] = [DEV_OUTBOX, DEV_PAYMENTS, DEV_TRANSFERS];

/**
 * The embedded stand-in for WeChat Cloud: the database, the platform's identity, open APIs, payments and
 * timer triggers, running the very same function code. One per process (functions find it through a global).
 */
export class LocalCloud {
  readonly clock: LocalClock;
  readonly identity = new LocalIdentity();
  readonly payments: PaymentSandbox;
  readonly storage: LocalStorage;
  readonly platform: Platform;
  readonly openapi: LocalOpenApi;
  private readonly mains = new Map<string, FunctionMain>();
  /** One instance per function, as WeChat keeps a warm one; `coldStart` replaces them. */
  private readonly caches = new Map<string, InstanceCache>();
  private lastTimerCheck: Date;

  private constructor(
    readonly db: LocalDatabase,
    private readonly opts: LocalCloudOptions,
  ) {
    this.clock = new LocalClock(opts.dataDir ? join(opts.dataDir, 'dev-clock.json') : undefined);
    this.payments = createPaymentSandbox(db, this.clock);
    this.storage = createLocalStorage({ dataDir: opts.dataDir, clock: this.clock });
    this.openapi = createLocalOpenApi(db, this.clock, { deliverMediaCheck: (r) => this.pushMediaCheck(r) });
    this.platform = {
      // The functions see what they see on WeChat: the database with our transaction retry above it.
      db: opts.transactionRetry === null ? db : withTransactionRetry(db, opts.transactionRetry ?? TRANSACTION_RETRY),
      clock: this.clock,
      identity: this.identity,
      openapi: this.openapi,
      payments: this.payments,
      logger: opts.logger ?? jsonLogger({ env: 'local' }, () => undefined),
      secrets: localSecrets(),
      storage: this.storage,
      instanceCache: (fn) => {
        let cache = this.caches.get(fn);
        if (!cache) this.caches.set(fn, (cache = createInstanceCache(this.clock)));
        return cache;
      },
    };
    this.lastTimerCheck = this.clock.now();
  }

  static async start(opts: LocalCloudOptions): Promise<LocalCloud> {
    const db = await createLocalDatabase({
      dataDir: opts.dataDir,
      collections: [...COLLECTION_NAMES, ...LOCAL_ONLY_COLLECTIONS, ...(opts.testCollections ?? [])],
      indexes: [...INDEXES],
      latency: opts.latency === undefined ? latencyFromEnv(process.env) : opts.latency,
      // Payments and open APIs are API calls on WeChat, not database operations.
      unmetered: LOCAL_ONLY_COLLECTIONS,
    });
    const cloud = new LocalCloud(db, opts);
    installPlatform(cloud.platform);
    return cloud;
  }

  /**
   * What a timer job receives here (tests and benchmarks run jobs directly), with ports swapped as asked. Each
   * direct run is a fresh instance: operator documents are read, not cached.
   */
  jobContext(overrides: Partial<JobContext> = {}): JobContext {
    return jobContextOf(this.platform, noInstanceCache, overrides);
  }

  functionNames(): string[] {
    const dir = this.opts.functionsDir;
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'config.json')))
      .map((d) => d.name)
      .sort();
  }

  private main(fn: string): FunctionMain {
    let main = this.mains.get(fn);
    if (!main) {
      if (!this.hasFunction(fn)) throw new Error(`no such function: ${fn}`);
      main = this.opts.loadMain
        ? this.opts.loadMain(fn)
        : // eslint-disable-next-line @typescript-eslint/no-require-imports
          (require(join(this.opts.functionsDir, fn, 'index.js')) as { main: FunctionMain }).main;
      this.mains.set(fn, main);
    }
    return main;
  }

  hasFunction(fn: string): boolean {
    return /^[a-z][a-z0-9-]*$/.test(fn) && this.functionNames().includes(fn);
  }

  /** A call from the mini-program by `openid`, as wx.cloud.callFunction would make it. */
  call<T = unknown>(fn: string, event: unknown, openid: string): Promise<Result<T>> {
    return this.identity.runAs(openid, () => this.main(fn)(event)) as Promise<Result<T>>;
  }

  /** A call that the platform's timer makes. */
  trigger(fn: string, name: string): Promise<Result<unknown>> {
    return this.identity.runAsTrigger(() => this.main(fn)({ Type: 'Timer', TriggerName: name, Time: this.clock.now().toISOString() }));
  }

  /** What the cloud console's test panel does: runs a function with a typed-in event and no caller. */
  fromConsole(fn: string, event: unknown): Promise<Result<unknown>> {
    return this.identity.runAsConsole(() => this.main(fn)(event));
  }

  /** WeChat Pay delivering a notice to `payment-callback` (SOURCE wx_paycallback), as it is given. */
  paymentNotice(event: unknown): Promise<unknown> {
    return this.identity.runAsPaymentNotice(() => this.main('payment-callback')(event));
  }

  /** What WeChat Pay does after a payment: notify the `payment-callback` function. */
  async notifyPaid(outTradeNo: string): Promise<unknown> {
    if (!this.hasFunction('payment-callback')) return undefined;
    const { totalFee } = await this.payments.queryOrder(outTradeNo);
    return this.paymentNotice({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo, totalFee });
  }

  /** What WeChat's message push does with a media check result: call the configured function with the event. */
  async pushMediaCheck(r: MediaCheckDelivery): Promise<unknown> {
    if (!this.hasFunction(MESSAGE_PUSH_FUNCTION)) return undefined;
    const event = {
      ToUserName: 'gh_local',
      FromUserName: r.openid,
      CreateTime: Math.floor(this.clock.now().getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-local-dev',
      trace_id: r.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: r.suggest, label: r.label, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: r.suggest, label: r.label },
    };
    return this.identity.runAsTrigger(() => this.main(MESSAGE_PUSH_FUNCTION)(event));
  }

  triggers(): TimerTrigger[] {
    return this.functionNames().flatMap((fn) => readTriggers(fn, join(this.opts.functionsDir, fn, 'config.json')));
  }

  /**
   * Runs every trigger that fell due since the last check (by the local clock), once, oldest first. WeChat
   * never replays firings it missed, and our jobs catch up by data (they page through what is due), so a
   * clock jump over many firings runs each due trigger once — never zero times — and says how many
   * firings it stood for (`firings`, counted up to MAX_COUNTED_FIRINGS). A clock moved back fires nothing.
   */
  async runDueTimers(): Promise<TimerRun[]> {
    const now = this.clock.now();
    const from = this.lastTimerCheck < now ? this.lastTimerCheck : now;
    this.lastTimerCheck = now;
    const due = this.triggers()
      .map((t) => ({ ...t, firings: firesBetween(t.cron, from, now, MAX_COUNTED_FIRINGS).length }))
      .filter((t) => t.firings > 0)
      .map((t) => ({ ...t, at: previousFire(t.cron, now) ?? now }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const ran: TimerRun[] = [];
    for (const t of due) {
      if (t.firings > 1) this.platform.logger.warn('timer.coalesced', { fn: t.fn, trigger: t.name, firings: t.firings });
      const res = await this.trigger(t.fn, t.name);
      ran.push({ fn: t.fn, name: t.name, at: t.at, firings: t.firings, ok: res.ok });
    }
    return ran;
  }

  /**
   * Every function's next call lands on a fresh instance (WeChat: a cold start, a redeploy). An operator's
   * console edit reaches warm instances only when their cached copy expires; tests that edit operator
   * documents mid-test and expect the next call to see it say so with this.
   */
  coldStart(): void {
    this.caches.clear();
  }

  async close(): Promise<void> {
    installPlatform(undefined);
    this.identity.close();
    await this.db.close();
  }
}

/** The environment's secrets, or random ones for this run (codes signed with them live for a minute). */
function localSecrets(): Platform['secrets'] {
  const generated = { MEMBER_CODE_SECRET: randomBytes(32).toString('hex'), JOB_RUN_SECRET: randomBytes(32).toString('hex') };
  return { get: (name) => process.env[name] || generated[name] };
}
