import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { firesBetween, nextFire } from '../../cloudfunctions/_platform/local/timer-schedule';
import { count, grantRole, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

describe('timer schedule (7 fields, UTC+8)', () => {
  it('fires "0 0 3 * * * *" at 03:00 Beijing time, i.e. 19:00 UTC the day before', () => {
    expect(nextFire('0 0 3 * * * *', new Date('2026-11-23T10:00:00Z'))?.toISOString()).toBe('2026-11-23T19:00:00.000Z');
  });
  it('honours the year field', () => {
    expect(nextFire('0 0 0 1 1 * 2028', new Date('2026-11-23T00:00:00Z'))?.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(nextFire('0 0 0 1 1 * 2020', new Date('2026-11-23T00:00:00Z'))).toBeNull();
  });
  it('lists the fires a sleeping runner missed', () => {
    expect(firesBetween('0 0 3 * * * *', new Date('2026-11-20T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))).toHaveLength(3);
  });
});

describe('timer triggers on the local cloud', () => {
  let cloud: LocalCloud;
  beforeEach(async () => {
    cloud = await startSourceCloud();
    await writeDefaultConfigs(cloud);
  });
  afterEach(() => cloud.close());

  it('reads the trigger from the function config.json', () => {
    expect(cloud.triggers()).toContainEqual({ fn: 'admin', name: 'daily', cron: '0 0/10 3 * * * *' });
  });

  it('runs the daily purge when the clock passes 03:00 Beijing time', async () => {
    const old = new Date('2026-10-01T00:00:00Z');
    const fresh = new Date('2026-11-22T00:00:00Z');
    for (const [i, at] of [old, old, fresh].entries()) {
      await cloud.db.collection('request_log').doc(`k${i}`).set({ data: { scope: 's', _openid: `o${i}`, requestId: `r${i}`, createdAt: at } });
    }
    await cloud.db.collection('used_codes').doc('jti-old').set({ data: { expiresAt: new Date('2026-11-23T10:00:00Z') } });
    await cloud.db.collection('used_codes').doc('jti-live').set({ data: { expiresAt: new Date('2026-11-23T19:00:50Z') } });
    await cloud.db.collection('staff_visits').doc('v-old').set({ data: { expiresAt: new Date('2026-11-23T10:00:00Z') } });
    cloud.clock.set(new Date('2026-11-23T18:59:00Z'));
    await cloud.runDueTimers();
    cloud.clock.set(new Date('2026-11-23T19:00:30Z'));
    const ran = await cloud.runDueTimers();
    expect(ran.filter((r) => r.fn === 'admin')).toEqual([{ fn: 'admin', name: 'daily', at: new Date('2026-11-23T19:00:00Z'), firings: 1, ok: true }]);
    expect(ran.every((r) => r.ok)).toBe(true);
    expect(await count(cloud, 'request_log')).toBe(1);
    expect(await count(cloud, 'used_codes')).toBe(1);
    expect(await count(cloud, 'staff_visits')).toBe(0);
  });

  it('refuses a timer event sent by a client, even an operator', async () => {
    await grantRole(cloud, 'o-op', 'operator', null);
    const r = await cloud.call('admin', { Type: 'Timer', TriggerName: 'daily' }, 'o-op');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('timer events and manual runs', () => {
  let cloud: LocalCloud;
  beforeEach(async () => {
    cloud = await startSourceCloud();
    await writeDefaultConfigs(cloud);
  });
  afterEach(() => cloud.close());

  const secret = () => cloud.platform.secrets.get('JOB_RUN_SECRET') ?? '';
  const manual = (over: Record<string, unknown> = {}) => ({ Type: 'ManualRun', TriggerName: 'daily', operator: '运营小周', secret: secret(), ...over });
  const audits = async () =>
    (await cloud.db.collection<{ action: string; actor: string; target: string; detail: Record<string, unknown> }>('audit_log').where({ role: 'console' }).get()).data;

  it('runs the job for the event WeChat delivers (Type, TriggerName, Time) when the platform triggered it', async () => {
    const r = await cloud.trigger('admin', 'daily');
    expect(r).toMatchObject({ ok: true });
  });

  it('refuses the timer event from anyone but the platform: client or console', async () => {
    const event = { Type: 'Timer', TriggerName: 'daily', Time: '2026-11-23T19:00:00Z' };
    expect(await cloud.call('admin', event, 'o-any')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.fromConsole('admin', event)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers a trigger name with no job as a deploy mistake, not a silent success', async () => {
    const logged: string[] = [];
    jest.spyOn(cloud.platform.logger, 'error').mockImplementation((e) => void logged.push(e));
    expect(await cloud.trigger('admin', 'nightly')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(logged).toContain('timer.unknown_trigger');
  });

  it('an operator runs a job from the console with the secret: audited before and after', async () => {
    const r = await cloud.fromConsole('admin', manual());
    expect(r).toMatchObject({ ok: true });
    const entries = await audits();
    expect(entries.map((e) => e.action)).toEqual(['job.manualRun', 'job.manualRun.result']);
    expect(entries[0]).toMatchObject({ actor: 'console:运营小周', target: 'admin/daily', detail: { source: 'console' } });
    expect(entries[1].detail).toMatchObject({ ok: true });
    expect(JSON.stringify(entries)).not.toContain(secret());
  });

  it('a client never runs a job, even with the right secret, and cannot fill the audit log', async () => {
    await grantRole(cloud, 'o-op', 'operator', null);
    for (const who of ['o-op', 'o-member']) {
      expect(await cloud.call('admin', manual(), who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await audits()).toEqual([]);
  });

  it('refuses a wrong, missing or unconfigured secret from the console, and audits the attempt', async () => {
    expect(await cloud.fromConsole('admin', manual({ secret: 'guess' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.fromConsole('admin', manual({ secret: undefined }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.fromConsole('admin', manual({ operator: ' ' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.fromConsole('admin', manual({ TriggerName: 'nightly' }))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    const saved = process.env.JOB_RUN_SECRET;
    process.env.JOB_RUN_SECRET = 'too-short';
    try {
      expect(await cloud.fromConsole('admin', manual({ secret: 'too-short' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      if (saved === undefined) delete process.env.JOB_RUN_SECRET;
      else process.env.JOB_RUN_SECRET = saved;
    }
    const reasons = (await audits()).map((e) => [e.action, e.detail.reason]);
    expect(reasons).toEqual([
      ['job.manualRun.refused', 'wrong_secret'],
      ['job.manualRun.refused', 'unknown_trigger'],
      ['job.manualRun.refused', 'secret_not_configured'],
    ]);
  });
});
