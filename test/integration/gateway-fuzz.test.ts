/**
 * The local gateway and its dev routes over real HTTP, fed hostile and random input (fast-check): every
 * answer is JSON with a typed error and the right status, never a 500 with raw exception text, and the
 * local cloud keeps working afterwards (timers fire, members check in).
 */
import fc from 'fast-check';
import { request } from 'node:http';
import { DEV_OPENID_HEADER, MAX_BODY } from '../../cloudfunctions/_platform/local/gateway';
import type { TimerRun } from '../../cloudfunctions/_platform/local/local-cloud';
import { useServedCloud } from '../support/served-cloud';
import { registration } from '../support/test-cloud';

const served = useServedCloud();

interface Answer {
  status: number;
  body: string;
}

/** Raw HTTP, so that paths and bodies reach the server exactly as written (fetch would normalise them). */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (a: Answer) => JSON.parse(a.body) as { ok?: boolean; error?: { code: string; message: string; field?: string }; now?: string; timers?: TimerRun[] };
const clock = (body: unknown) => raw('POST', '/api/_dev/clock', JSON.stringify(body));

/** What no answer may ever contain: a stack, a JS error name, a file path. */
const LEAKS = /at [\w.<>]+ \(|TypeError|RangeError|URIError|SyntaxError|node:internal|\/work\/|cloudfunctions\//;

describe('gateway under hostile input', () => {
  it('answers an over-limit body with 413 and a code, for functions and dev routes', async () => {
    const big = JSON.stringify({ action: 'register', input: { nickname: 'x'.repeat(MAX_BODY) } });
    for (const path of ['/api/member', '/api/_dev/clock', '/api/_dev/pay']) {
      const a = await raw('POST', path, big, { [DEV_OPENID_HEADER]: 'o-big' });
      expect(a.status).toBe(413);
      expect(json(a)).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（上限 256 KB）' } });
    }
    // a lying content-length is caught while reading
    const chunked = await raw('POST', '/api/member', Buffer.alloc(MAX_BODY + 10, 0x20), { 'transfer-encoding': 'chunked', [DEV_OPENID_HEADER]: 'o-big' });
    expect(chunked.status).toBe(413);
  });

  it('answers a malformed percent-encoded path with 400, not a URIError', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/pages/%zz/index', '/%00', '/static/%C0%AF']) {
      const a = await raw('GET', path);
      expect([400, 200]).toContain(a.status);
      expect(a.body).not.toMatch(LEAKS);
      if (a.status === 400) expect(json(a).error?.code).toBe('BAD_REQUEST');
    }
    expect((await raw('GET', '/%E0%A4%A')).status).toBe(400);
  });

  it('answers a body that is not JSON with 400', async () => {
    const a = await raw('POST', '/api/member', '{"action": "center", ', { [DEV_OPENID_HEADER]: 'o-x' });
    expect(a.status).toBe(400);
    expect(json(a).error?.code).toBe('INVALID_INPUT');
  });

  it('validates the dev clock: {at} must be a date, advanceMs must not be negative', async () => {
    const before = json(await raw('GET', '/api/_dev/clock')).now;
    const bad: [unknown, string | undefined][] = [
      [{ at: 'not a date' }, 'at'],
      [{ at: '2027-02-30T00:00:00Z' }, 'at'],
      [{ at: '99999-01-01' }, 'at'],
      [{ at: '1970-01-01T00:00:00Z' }, 'at'],
      [{ advanceMs: -86_400_000 }, 'advanceMs'],
      [{ advanceMs: 1.5 }, 'advanceMs'],
      [{ advanceMs: 1e20 }, 'advanceMs'],
      [{ advanceMs: '1000' }, undefined],
      [{}, undefined],
      [null, undefined],
      [[1, 2], undefined],
      [{ at: '2027-01-01T00:00:00Z', advanceMs: 5 }, undefined],
    ];
    for (const [body, field] of bad) {
      const a = await clock(body);
      expect({ body, status: a.status }).toEqual({ body, status: 400 });
      expect(json(a).error).toMatchObject({ code: 'INVALID_INPUT', ...(field ? { field } : {}) });
    }
    const after = json(await raw('GET', '/api/_dev/clock')).now;
    expect(Math.abs(Date.parse(after ?? '') - Date.parse(before ?? ''))).toBeLessThan(5000);
  });

  it('random bodies and paths never produce a 500 or leak an exception', async () => {
    const paths = fc.constantFrom('/api/member', '/api/points', '/api/_dev/clock', '/api/_dev/pay', '/api/_dev/nope', '/api/%ZZ', '/api/', '/');
    await fc.assert(
      fc.asyncProperty(paths, fc.oneof(fc.json(), fc.string(), fc.constant('null'), fc.constant('[]')), async (path, body) => {
        const a = await raw('POST', path, body, { [DEV_OPENID_HEADER]: 'o-fuzz' });
        expect(a.status).not.toBe(500);
        expect(a.body).not.toMatch(LEAKS);
        if (path.startsWith('/api/')) expect(() => JSON.parse(a.body)).not.toThrow();
      }),
      { numRuns: 150 },
    );
    expect(json(await raw('GET', '/api/_dev/clock')).now).toMatch(/^\d{4}-/);
  });
});

describe('timers and check-ins after clock moves', () => {
  const checkIn = async (openid: string) => json(await raw('POST', '/api/points', JSON.stringify({ action: 'checkIn', input: { requestId: `ci-${Date.now()}` } }), { [DEV_OPENID_HEADER]: openid }));

  it('a jump over hundreds of firings runs every due trigger once (none skipped), and the app keeps working', async () => {
    expect(json(await raw('POST', '/api/member', JSON.stringify({ action: 'register', input: registration() }), { [DEV_OPENID_HEADER]: 'o-clock' })).ok).toBe(true);
    expect(json(await clock({ at: '2027-03-01T01:00:00Z' })).now).toMatch(/^2027-03-01T01:00/);
    // Three days later: `groupbuy` fell due 4,320 times, `mall` 864 times, `points` 108 times (36 a night), `admin` 18 (6 a night).
    const jump = json(await clock({ advanceMs: 3 * 86_400_000 }));
    const byFn = Object.fromEntries((jump.timers ?? []).map((t) => [t.fn, t]));
    expect(Object.keys(byFn).sort()).toEqual(served.cloud.triggers().map((t) => t.fn).sort());
    expect(Object.values(byFn).every((t) => t.ok)).toBe(true);
    expect(byFn.mall.firings).toBe(200); // counted up to the cap: "200 or more"
    expect(byFn.groupbuy.firings).toBe(200);
    expect(byFn.admin.firings).toBe(18);
    expect(byFn.points.firings).toBe(108);
    // and still ok afterwards: a check-in on the new day, and the next single firing
    expect(await checkIn('o-clock')).toMatchObject({ ok: true });
    const next = json(await clock({ advanceMs: 5 * 60_000 }));
    // Five minutes: \`mall\` (every 5 minutes) once, \`groupbuy\` (every minute) five times.
    expect(next.timers).toEqual([
      expect.objectContaining({ fn: 'groupbuy', firings: 5, ok: true }),
      expect.objectContaining({ fn: 'mall', firings: 1, ok: true }),
    ]);
  });

  it('refused clock requests leave timers and check-ins working; reset comes back to real time', async () => {
    await clock({ advanceMs: -1 });
    await clock({ at: 'not a date' });
    expect(await checkIn('o-clock')).toMatchObject({ ok: true });
    const ran = await served.cloud.runDueTimers();
    expect(ran.every((r) => r.ok)).toBe(true);
    const reset = json(await clock({ reset: true }));
    expect(Math.abs(Date.parse(reset.now ?? '') - Date.now())).toBeLessThan(5000);
    // moving back fires nothing (WeChat never replays), and nothing fails
    expect(reset.timers).toEqual([]);
  });
});
