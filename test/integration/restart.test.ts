import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import { ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

describe('the local cloud keeps data across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suc-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a member registered before a restart is there after it', async () => {
    const first = await startSourceCloud({ dataDir: dir });
    await writeDefaultConfigs(first);
    const before = ok(await first.call<MemberCenterView>('member', { action: 'register', input: registration({ birthday: { month: 9, day: 9 } }) }, 'o-keep'));
    await first.close();

    const second = await startSourceCloud({ dataDir: dir });
    try {
      const after = ok(await second.call<MemberCenterView>('member', { action: 'center', input: {} }, 'o-keep'));
      expect(after).toEqual(before);
      const member = (await second.db.collection('members').doc('o-keep').get()).data;
      expect(member.createdAt).toBeInstanceOf(Date);
    } finally {
      await second.close();
    }
  });
});
