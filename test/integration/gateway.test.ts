import { DEV_OPENID_HEADER } from '../../cloudfunctions/_platform/local/gateway';
import { useServedCloud } from '../support/served-cloud';
import { registration } from '../support/test-cloud';

describe('local gateway', () => {
  const served = useServedCloud();

  const post = (path: string, body: unknown, openid?: string) =>
    fetch(served.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { [DEV_OPENID_HEADER]: openid } : {}) },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((served.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('calls a function as the chosen persona', async () => {
    const res = await post('/api/member', { action: 'register', input: registration({ nickname: '网关' }) }, 'o-gw');
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, data: { nickname: '网关' } });
    expect((await served.cloud.db.collection('members').doc('o-gw').get()).data.nickname).toBe('网关');
  });

  it('answers UNAUTHENTICATED without a persona or with a malformed one', async () => {
    for (const openid of [undefined, 'a b', '../x']) {
      const body = await (await post('/api/member', { action: 'center', input: {} }, openid)).json();
      expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('404s an unknown function and 405s a GET', async () => {
    expect((await post('/api/nope', {}, 'o-gw')).status).toBe(404);
    expect((await fetch(served.url + '/api/member')).status).toBe(405);
  });

  it('lists personas and serves the H5 app, never files outside it', async () => {
    const personas = (await (await fetch(served.url + '/api/_dev/personas')).json()) as { role: string }[];
    expect(personas.map((p) => p.role)).toEqual(expect.arrayContaining(['member', 'visitor', 'clerk', 'operator']));
    expect(await (await fetch(served.url + '/')).text()).toBe('<html>app</html>');
    expect(await (await fetch(served.url + '/%2e%2e/%2e%2e/etc/passwd')).text()).not.toContain('root:');
  });

  it('takes an image upload as wx.cloud.uploadFile would and serves it by its temporary link', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = (cloudPath: string, body: Buffer, openid?: string) =>
      fetch(`${served.url}/api/_storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', ...(openid ? { [DEV_OPENID_HEADER]: openid } : {}) },
        body: new Uint8Array(body),
      });
    const res = await upload('posts/20261123/a.png', png, 'o-gw');
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toMatch(/^cloud:\/\/.+\/posts\/20261123\/a\.png$/);
    const url = (await served.cloud.storage.tempUrls([fileID]))[fileID];
    const file = await fetch(served.url + url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(png);
    expect((await fetch(served.url + url.replace(/sign=[^&]+/, 'sign=forged'))).status).toBe(403);
    expect((await upload('posts/b.png', png)).status).toBe(401);
    expect((await upload('/lead.png', png, 'o-gw')).status).toBe(400);
    expect((await upload('posts/20261123/a.png', png, 'o-other')).status).toBe(400);
    expect((await upload('posts/big.png', Buffer.alloc(10 * 1024 * 1024 + 1), 'o-gw')).status).toBe(413);
  });

  it('moves the local clock for tests', async () => {
    const sent = Date.now();
    const res = await post('/api/_dev/clock', { at: '2027-01-01T00:00:00Z' });
    const { now } = (await res.json()) as { now: string };
    // The clock runs on from 2027-01-01 while the answer waits for the timers that fell due (seconds under load).
    const ranOn = new Date(now).getTime() - Date.parse('2027-01-01T00:00:00Z');
    expect(ranOn).toBeGreaterThanOrEqual(0);
    expect(ranOn).toBeLessThanOrEqual(Date.now() - sent + 1000);
    await post('/api/_dev/clock', { reset: true });
  });
});
