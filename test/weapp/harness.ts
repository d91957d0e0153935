/**
 * Runs pages of the BUILT weapp output (dist/weapp) in jsdom with miniprogram-simulate and the official wcc
 * compiler (npm miniprogram-compiler). Taro pages call `Page(config)`; the simulator only knows custom
 * components, so `Page` registers a Component whose `attached` runs onLoad -> onShow -> onReady, the way the
 * base library does. `wx` is the simulator's API mock plus a `cloud` mock that each test programs.
 *
 * Every boot starts from fresh modules and a fresh `wx`: webpack's chunk registry lives on `wx.webpackJsonp`
 * and a page module runs `Page()` only the first time it is required.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const WEAPP_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp');

/** The part of a miniprogram-simulate (j-component) node the tests use. */
export interface SimNode {
  readonly dom: HTMLElement | undefined;
  readonly data: Record<string, unknown>;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(eventName: string, options?: unknown): void;
  attach(parent: Element): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options?: { compiler?: 'official' | 'simulate'; rootPath?: string }): string;
  render(id: string, properties?: Record<string, unknown>): SimNode;
}

type AnyFn = (...args: unknown[]) => unknown;
type WxApi = Record<string, unknown>;
type Config = Record<string, unknown>;
type PageThis = Config & Record<'onLoad' | 'onShow' | 'onReady', AnyFn> & { onUnload?: AnyFn };

export interface CloudCall {
  name: string;
  data: { action: string; input: unknown };
}

/** Answers a callFunction the way a cloud function would: the value becomes `res.result` (a Result envelope). */
export type CloudHandler = (call: CloudCall) => unknown | Promise<unknown>;

export interface WeappHarness {
  wx: WxApi;
  cloud: {
    DYNAMIC_CURRENT_ENV: symbol;
    init: jest.Mock;
    callFunction: jest.Mock;
    uploadFile: jest.Mock;
  };
  /** Navigation APIs, wrapped in jest mocks that still succeed like the simulator's. */
  nav: Record<'navigateTo' | 'redirectTo' | 'switchTab' | 'navigateBack' | 'reLaunch', jest.Mock>;
  /** Loads, renders and attaches a page, e.g. openPage('pages/member/index'). */
  openPage(route: string, query?: Record<string, string>): SimNode;
  /** Detaches every page opened by this harness. */
  teardown(): void;
}

export function assertWeappBuild(): void {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.js')) || !fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) {
    throw new Error(
      `No weapp build in ${WEAPP_DIST}. The weapp tests run the built mini-program: ` +
        'run "NODE_ENV=production npx taro build --type weapp" first.',
    );
  }
}

export function bootWeapp(onCall: CloudHandler): WeappHarness {
  assertWeappBuild();
  jest.resetModules();
  const g = globalThis as unknown as Record<string, unknown>;
  delete g.wx;

  // Requiring the simulator defines global.wx (its API mock) and the built-in components.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  const wx = g.wx as WxApi;

  const cloud = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: jest.fn(),
    callFunction: jest.fn(async (options: CloudCall & { success?: (res: unknown) => void }) => {
      const result = await onCall({ name: options.name, data: options.data });
      const res = { result, errMsg: 'cloud.callFunction:ok', requestID: 'test' };
      options.success?.(res);
      return res;
    }),
    uploadFile: jest.fn(async (o: { cloudPath: string }) => ({ fileID: `cloud://test-env/${o.cloudPath}`, statusCode: 200 })),
  };
  wx.cloud = cloud;

  const nav = {} as WeappHarness['nav'];
  for (const name of ['navigateTo', 'redirectTo', 'switchTab', 'navigateBack', 'reLaunch'] as const) {
    const original = wx[name] as AnyFn;
    nav[name] = jest.fn((options: unknown) => original(options));
    wx[name] = nav[name];
  }

  // The globals the base library provides and the simulator does not.
  let app: Config | undefined;
  const pageStack: Config[] = [];
  let loadingRoute = '';
  let loadingQuery: Record<string, string> = {};

  g.App = (config: Config) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pageStack.slice();
  const registerComponent = (options: Config) => (g.Component as (o: Config) => void)(options);
  g.Page = (config: Config) => {
    const route = loadingRoute;
    const query = loadingQuery;
    const methods: Record<string, AnyFn> = {};
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === 'function') methods[key] = value as AnyFn;
    }
    registerComponent({
      data: config.data ?? {},
      options: config.options,
      methods,
      lifetimes: {
        attached(this: PageThis) {
          this.route = route;
          this.__route__ = route;
          this.options = query;
          pageStack.push(this);
          this.onLoad(query);
          this.onShow();
          this.onReady();
        },
        detached(this: PageThis) {
          this.onUnload?.();
          const i = pageStack.indexOf(this);
          if (i >= 0) pageStack.splice(i, 1);
        },
      },
    });
  };

  // app.js pulls in runtime, taro, vendors and common, then calls App().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP_DIST, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  const launch = { path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} };
  (app.onLaunch as AnyFn | undefined)?.call(app, launch);
  (app.onShow as AnyFn | undefined)?.call(app, launch);

  const opened: SimNode[] = [];
  return {
    wx,
    cloud,
    nav,
    openPage(route, query = {}) {
      loadingRoute = route;
      loadingQuery = query;
      const id = simulate.load(path.join(WEAPP_DIST, route), { compiler: 'official', rootPath: WEAPP_DIST });
      const page = simulate.render(id);
      page.attach(document.createElement('parent-wrapper'));
      opened.push(page);
      return page;
    },
    teardown() {
      while (opened.length) opened.pop()?.detach();
    },
  };
}

/** Polls until `probe` returns something truthy (first renders arrive asynchronously, 100-500 ms idle; several
 * seconds on a loaded shared machine). The default stays well under jest's 60 s test timeout so a miss reports
 * what it waited for. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Text of a node, whitespace collapsed. */
export function textOf(node: SimNode | undefined): string {
  return (node?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export const ok = <T>(data: T) => ({ ok: true as const, data });
export const fail = (code: string, message: string, field?: string) => ({
  ok: false as const,
  error: { code, message, ...(field ? { field } : {}) },
});

/**
 * For a describe block: `boot(answer)` starts the built app with `answer` playing the cloud and records every
 * call in `calls` (cleared per boot); the harness is torn down after each test.
 */
export function useWeappHarness() {
  let h: WeappHarness | undefined;
  const calls: CloudCall[] = [];
  afterEach(() => {
    h?.teardown();
    h = undefined;
  });
  return {
    calls,
    boot(answer: (call: CloudCall) => unknown): WeappHarness {
      calls.length = 0;
      h = bootWeapp((call) => {
        calls.push(call);
        return answer(call);
      });
      return h;
    },
  };
}
