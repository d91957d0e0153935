/**
 * The WeChat storage adapter against a stand-in SDK with wx-server-sdk's result shapes (index.d.ts, namespace
 * ICloud; getTempFileURL marks a missing file with a non-zero status and an empty URL, as
 * src/api/cloud/provider/tcb/api/getTempFileURL.ts in index.js does).
 */
import { wxStorage, type WxStorageSdk } from '../../cloudfunctions/_platform/wx/wx-storage';

const existing = new Set(Array.from({ length: 120 }, (_, i) => `cloud://env.bucket/f/${i}.png`));

function fakeSdk() {
  const calls: { api: string; n: number }[] = [];
  const sdk: WxStorageSdk = {
    async uploadFile({ cloudPath }) {
      return { fileID: `cloud://env.bucket/${cloudPath}`, statusCode: 204 };
    },
    async getTempFileURL({ fileList }) {
      calls.push({ api: 'getTempFileURL', n: fileList.length });
      if (fileList.length > 50) throw { errCode: -501007, errMsg: 'getTempFileURL:fail invalid parameters' };
      return {
        fileList: fileList.map((fileID) =>
          existing.has(fileID)
            ? { fileID, tempFileURL: `https://cdn.example/${fileID.slice(-6)}`, status: 0, errMsg: 'ok', maxAge: 86400 }
            : { fileID, tempFileURL: '', status: -503003, errMsg: 'storage file not exists', maxAge: 86400 },
        ),
      };
    },
    async downloadFile({ fileID }) {
      if (!existing.has(fileID)) throw { errCode: -503003, errMsg: 'downloadFile:fail storage file not exists' };
      return { fileContent: Buffer.from('png') };
    },
    async deleteFile({ fileList }) {
      calls.push({ api: 'deleteFile', n: fileList.length });
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0, errMsg: 'ok' })) };
    },
  };
  return { sdk, calls };
}

describe('WeChat storage adapter', () => {
  it('returns the fileID of an upload', async () => {
    const { sdk } = fakeSdk();
    expect(await wxStorage(sdk).upload({ cloudPath: 'a/b.png', content: Buffer.from('x') })).toEqual({ fileId: 'cloud://env.bucket/a/b.png' });
  });

  it('pages temporary URLs by 50 and leaves out files that do not exist', async () => {
    const { sdk, calls } = fakeSdk();
    const ids = [...existing, 'cloud://env.bucket/gone.png', [...existing][0]];
    const urls = await wxStorage(sdk).tempUrls(ids);
    expect(Object.keys(urls)).toHaveLength(120);
    expect(urls['cloud://env.bucket/gone.png']).toBeUndefined();
    expect(calls.map((c) => c.n)).toEqual([50, 50, 21]);
  });

  it('turns "file not exists" into a not-found StorageError and other failures into unavailable', async () => {
    const { sdk } = fakeSdk();
    const storage = wxStorage(sdk);
    await expect(storage.download('cloud://env.bucket/gone.png')).rejects.toMatchObject({ name: 'StorageError', kind: 'not-found' });
    const broken = wxStorage({ ...sdk, uploadFile: () => Promise.reject({ errCode: -501001, errMsg: 'uploadFile:fail ENOTFOUND' }) });
    await expect(broken.upload({ cloudPath: 'a.png', content: Buffer.from('x') })).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
  });

  it('deletes in batches of 50', async () => {
    const { sdk, calls } = fakeSdk();
    await wxStorage(sdk).remove([...existing]);
    expect(calls.filter((c) => c.api === 'deleteFile').map((c) => c.n)).toEqual([50, 50, 20]);
  });
});
