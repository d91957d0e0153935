/** The local cloud's storage stand-in: WeChat's naming rules, limits, ownership, signed expiring links, durability. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalStorage, MAX_CLIENT_UPLOAD_BYTES } from '../../cloudfunctions/_platform/local/local-storage';
import { LocalClock } from '../../cloudfunctions/_platform/local/local-clock';
import { imageUrls } from '../../cloudfunctions/_core/shared/images';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function urlParts(url: string) {
  const u = new URL(url, 'http://127.0.0.1');
  return { pathname: u.pathname, query: u.searchParams };
}

describe('local storage', () => {
  let clock: LocalClock;
  beforeEach(() => {
    clock = new LocalClock();
    clock.set(new Date('2026-11-23T02:00:00Z'));
  });

  it('stores, links, downloads and removes a file by its fileID', async () => {
    const storage = createLocalStorage({ clock });
    const { fileId } = await storage.upload({ cloudPath: 'demo/一张图.png', content: PNG });
    expect(fileId).toMatch(/^cloud:\/\/[^/]+\/demo\/一张图\.png$/);
    expect(await storage.download(fileId)).toEqual(PNG);
    const urls = await storage.tempUrls([fileId, 'cloud://other-env.bucket/x.png', 'https://not-a-file-id']);
    expect(Object.keys(urls)).toEqual([fileId]);
    const { pathname, query } = urlParts(urls[fileId]);
    expect(storage.serve(pathname, query)).toEqual({ status: 200, content: PNG });
    await storage.remove([fileId]);
    await expect(storage.download(fileId)).rejects.toMatchObject({ kind: 'not-found' });
    expect(storage.serve(pathname, query)).toMatchObject({ status: 404 });
  });

  it('refuses cloudPaths WeChat refuses', async () => {
    const storage = createLocalStorage({ clock });
    for (const cloudPath of ['', '/lead.png', 'a//b.png', 'a/../b.png', 'a\\b.png', 'what?.png', 'x'.repeat(851)]) {
      await expect(storage.upload({ cloudPath, content: PNG })).rejects.toMatchObject({ name: 'StorageError', kind: 'invalid' });
    }
  });

  it("refuses a member's upload over 10 MB and an overwrite of another member's file", async () => {
    const storage = createLocalStorage({ clock });
    await expect(storage.uploadAs('o-a', 'big.png', Buffer.alloc(MAX_CLIENT_UPLOAD_BYTES + 1))).rejects.toMatchObject({ kind: 'too-large' });
    await storage.uploadAs('o-a', 'posts/a.png', PNG);
    await expect(storage.uploadAs('o-b', 'posts/a.png', Buffer.from('evil'))).rejects.toMatchObject({ kind: 'invalid' });
    await storage.uploadAs('o-a', 'posts/a.png', Buffer.from('mine again'));
    expect((await storage.download((await storage.upload({ cloudPath: 'posts/b.png', content: PNG })).fileId)).length).toBe(PNG.length);
  });

  it('serves a link only with its signature and before it expires (by the cloud clock)', async () => {
    const storage = createLocalStorage({ clock });
    const { fileId } = await storage.upload({ cloudPath: 'a.png', content: PNG });
    const { pathname, query } = urlParts((await storage.tempUrls([fileId]))[fileId]);
    const forged = new URLSearchParams(query);
    forged.set('t', String(Number(query.get('t')) + 1000));
    expect(storage.serve(pathname, forged)).toMatchObject({ status: 403 });
    expect(storage.serve('/_files/b.png', query)).toMatchObject({ status: 403 });
    expect(storage.serve('/_files/%E0%A4%A.png', query)).toMatchObject({ status: 404 });
    clock.advance(25 * 3600 * 1000);
    expect(storage.serve(pathname, query)).toMatchObject({ status: 403, reason: 'link expired' });
  });

  it('keeps files in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'suc-storage-'));
    try {
      const { fileId } = await createLocalStorage({ dataDir, clock }).uploadAs('o-a', 'posts/x.png', PNG);
      const again = createLocalStorage({ dataDir, clock });
      expect(await again.download(fileId)).toEqual(PNG);
      await expect(again.uploadAs('o-b', 'posts/x.png', PNG)).rejects.toMatchObject({ kind: 'invalid' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('resolves image refs for views: fileIDs to links, https as is, missing files left out', async () => {
    const storage = createLocalStorage({ clock });
    const { fileId } = await storage.upload({ cloudPath: 'items/bag.png', content: PNG });
    const urls = await imageUrls(storage, [fileId, 'https://cdn.example/a.jpg', 'cloud://local-env.6c6f-local-env-1300000000/gone.png', null]);
    expect(Object.keys(urls).sort()).toEqual(['https://cdn.example/a.jpg', fileId].sort());
    expect(urls['https://cdn.example/a.jpg']).toBe('https://cdn.example/a.jpg');
  });
});
