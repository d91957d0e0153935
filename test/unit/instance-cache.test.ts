import { readOperatorDocuments } from '../../cloudfunctions/_core/config/operator-config';
import { noInstanceCache } from '../../cloudfunctions/_platform/cache.port';
import { createInstanceCache } from '../../cloudfunctions/_platform/instance-cache';
import { LocalClock } from '../../cloudfunctions/_platform/local/local-clock';
import type { Database } from '../../cloudfunctions/_platform/database.port';
import { jsonLogger } from '../../cloudfunctions/_platform/logger.port';

const T0 = new Date('2026-11-23T02:00:00Z');

describe('createInstanceCache', () => {
  const setup = () => {
    const clock = new LocalClock();
    clock.set(T0);
    let loads = 0;
    const load = async () => ++loads;
    return { clock, cache: createInstanceCache(clock), load, loads: () => loads };
  };

  it('keeps a value for the TTL by the platform clock (a clock moved back misses too)', async () => {
    const { clock, cache, load, loads } = setup();
    expect(await cache.get('k', 1000, load)).toBe(1);
    clock.advance(999);
    expect(await cache.get('k', 1000, load)).toBe(1);
    clock.advance(1);
    expect(await cache.get('k', 1000, load)).toBe(2);
    clock.set(new Date(T0.getTime() - 1));
    expect(await cache.get('k', 1000, load)).toBe(3);
    expect(loads()).toBe(3);
  });

  it('shares one load among concurrent misses and forgets a failed load', async () => {
    const { cache } = setup();
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    expect(await Promise.all([cache.get('k', 1000, slow), cache.get('k', 1000, slow), cache.get('k', 1000, slow)])).toEqual([1, 1, 1]);
    const boom = new Error('database unavailable');
    await expect(cache.get('bad', 1000, () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await cache.get('bad', 1000, async () => 'recovered')).toBe('recovered');
  });

  it('invalidates by key prefix only', async () => {
    const { cache, load } = setup();
    await cache.get('app_config/tiers', 1000, load);
    await cache.get('mall_items/mug', 1000, load);
    cache.invalidate('app_config');
    expect(await cache.get('app_config/tiers', 1000, load)).toBe(3);
    expect(await cache.get('mall_items/mug', 1000, load)).toBe(2);
  });

  it('noInstanceCache reads every time', async () => {
    let n = 0;
    await noInstanceCache.get('k', 1000, async () => ++n);
    await noInstanceCache.get('k', 1000, async () => ++n);
    expect(n).toBe(2);
  });
});

describe('readOperatorDocuments', () => {
  it('hands every call the same frozen copy, leaving what it read untouched', async () => {
    const clock = new LocalClock();
    clock.set(T0);
    const ctx = { db: {} as Database, log: jsonLogger({}, () => undefined), cache: createInstanceCache(clock) };
    const fallback = { tiers: [{ code: 'silver', benefits: [{ code: 'b' }] }], at: new Date(T0) };
    const first = await readOperatorDocuments(ctx, 'app_config/tiers', async () => fallback);
    const again = await readOperatorDocuments(ctx, 'app_config/tiers', async () => ({ tiers: [] }));
    expect(again).toBe(first);
    expect(first).toEqual(fallback);
    expect(Object.isFrozen(first) && Object.isFrozen(first.tiers[0].benefits[0])).toBe(true);
    expect(() => {
      (first.tiers as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(fallback) || Object.isFrozen(fallback.tiers)).toBe(false);
    expect(first.at).toEqual(T0);
  });
});
