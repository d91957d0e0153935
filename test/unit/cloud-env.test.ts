/**
 * The mini-program initialises wx.cloud with the environment id fixed at build time (TARO_APP_CLOUD_ENV,
 * injected by config/index.ts), not DYNAMIC_CURRENT_ENV (a server-side constant).
 */
const init = jest.fn();
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { cloud: { init, DYNAMIC_CURRENT_ENV: Symbol('dynamic') } } }));

const load = () => {
  let mod: typeof import('../../src/services/transport.weapp') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../../src/services/transport.weapp');
  });
  return mod!;
};

describe('wx.cloud.init', () => {
  const saved = process.env.TARO_APP_CLOUD_ENV;
  afterEach(() => {
    init.mockClear();
    if (saved === undefined) delete process.env.TARO_APP_CLOUD_ENV;
    else process.env.TARO_APP_CLOUD_ENV = saved;
  });

  it('uses the build-time env id, once', () => {
    process.env.TARO_APP_CLOUD_ENV = 'prod-7g2k9x';
    const t = load();
    t.initTransport();
    t.initTransport();
    expect(init).toHaveBeenCalledTimes(1);
    expect(init).toHaveBeenCalledWith({ env: 'prod-7g2k9x', traceUser: true });
  });

  it("without one, leaves the choice to WeChat (the account's default environment), never DYNAMIC_CURRENT_ENV", () => {
    delete process.env.TARO_APP_CLOUD_ENV;
    load().initTransport();
    expect(init).toHaveBeenCalledWith({ traceUser: true });
  });
});
