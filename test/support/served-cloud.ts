import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../../cloudfunctions/_platform/local/gateway';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { startSourceCloud, writeDefaultConfigs } from './test-cloud';

export interface ServedCloud {
  cloud: LocalCloud;
  /** The gateway's address, `http://127.0.0.1:<port>`. */
  url: string;
  server: Server;
}

/**
 * The local cloud on the function sources (default operator documents) behind the local gateway, over real HTTP
 * on a free port; the static files are a throwaway folder holding an `index.html`. Started before the enclosing
 * block's tests, stopped (gateway, cloud, folder) after them; read `cloud` and `url` inside tests.
 */
export function useServedCloud(): ServedCloud {
  const served = {} as ServedCloud;
  const staticDir = mkdtempSync(join(tmpdir(), 'suc-h5-'));
  writeFileSync(join(staticDir, 'index.html'), '<html>app</html>');
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    served.cloud = await startSourceCloud();
    await writeDefaultConfigs(served.cloud);
    const gw = await startGateway({ cloud: served.cloud, staticDir });
    served.url = gw.url;
    served.server = gw.server;
    close = gw.close;
  });
  afterAll(async () => {
    await close?.();
    await served.cloud?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });
  return served;
}
