/**
 * The local identity's call scope (an AsyncLocalStorage) leaves Node's process-wide storage list when its cloud
 * closes: a storage that has run stays there until disabled, and its promise hook then costs every later promise
 * in the process (tests start hundreds of clouds in one jest process; see LocalIdentity.close).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { registration, startSourceCloud } from '../support/test-cloud';

afterEach(() => jest.restoreAllMocks());

it('closing a cloud disables the call scope its calls ran in', async () => {
  const disabled: unknown[] = [];
  jest.spyOn(AsyncLocalStorage.prototype, 'disable').mockImplementation(function (this: AsyncLocalStorage<unknown>) {
    disabled.push(this);
  });
  const ran: unknown[] = [];
  const run = AsyncLocalStorage.prototype.run;
  jest.spyOn(AsyncLocalStorage.prototype, 'run').mockImplementation(function (this: AsyncLocalStorage<unknown>, store: unknown, fn: () => unknown) {
    if (!ran.includes(this)) ran.push(this);
    return run.call(this, store, fn);
  });

  const cloud = await startSourceCloud();
  const r = await cloud.call('member', { action: 'register', input: registration() }, 'o-scope');
  expect(r.ok).toBe(true);
  expect(ran).toHaveLength(1);
  expect(disabled).toEqual([]);
  await cloud.close();
  expect(disabled).toEqual(ran);
});

it('a closed scope reads as no caller, and a cloud started after it identifies its callers', async () => {
  const first = await startSourceCloud();
  await first.close();
  expect(first.identity.current()).toBeUndefined();
  expect(first.identity.source()).toBe('unknown');

  const second = await startSourceCloud();
  try {
    await second.identity.runAs('o-next', async () => {
      expect(second.identity.current()?.openid).toBe('o-next');
      expect(second.identity.source()).toBe('client');
    });
  } finally {
    await second.close();
  }
});
