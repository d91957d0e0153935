/**
 * The real wx-server-sdk 4.0.2 (with @cloudbase/node-sdk and @cloudbase/database underneath) against a
 * scripted TCB server: only the HTTP requester is replaced (`Db.reqClass`, the class @cloudbase/node-sdk
 * installs in src/database/index.ts), so every error the test sees was built, wrapped and retried by the
 * SDK's own code. The server's own message texts are not in the SDK; the scripts use the @cloudbase/database
 * error table's messages (src/const/code.ts) and MongoDB's E11000 text.
 */
import { dirname } from 'node:path';

export interface ServerCall {
  api: string;
  collectionName?: string;
  transactionId?: string;
}

/** What the scripted server answers: a response body, or a TCB error (thrown as @cloudbase/node-sdk does). */
export type ServerScript = (call: ServerCall, nth: number) => unknown;

interface TcbErrorFactory {
  E(e: { code: string; message: string; requestId?: string }): Error;
}

const sdkRequire = (id: string) =>
  // The very module instances wx-server-sdk loads (resolved from @cloudbase/node-sdk's folder).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(require.resolve(id, { paths: [dirname(require.resolve('@cloudbase/node-sdk'))] }));

/** A TCB error response exactly as @cloudbase/node-sdk throws it (src/utils/tcbapirequester.ts → processReturn → E). */
export function tcbError(code: string, message: string): Error {
  const { E } = sdkRequire('@cloudbase/node-sdk/dist/utils/utils') as TcbErrorFactory;
  return E({ code, message, requestId: 'req-test' });
}

/** Successful bodies for the database actions we use, as TCB returns them. */
export function okResponse(call: ServerCall, nth: number, doc: Record<string, unknown> = { _id: 'a', n: 1 }): unknown {
  switch (call.api) {
    case 'database.startTransaction':
      return { transactionId: `tx-${nth}`, requestId: 'r' };
    case 'database.getDocument':
      return { data: { list: [JSON.stringify(doc)] }, requestId: 'r' };
    case 'database.insertDocument':
      return { data: { insertedIds: ['new-id'] }, requestId: 'r' };
    case 'database.modifyDocument':
      return { data: { updated: 1, upsert_id: null }, requestId: 'r' };
    case 'database.removeDocument':
      return { data: { deleted: 1 }, requestId: 'r' };
    default:
      return { requestId: 'r' };
  }
}

interface WxCloud {
  init(opts: { env: string }): void;
  database(): unknown;
}

/** A wx-server-sdk database whose requests go to `script`; `calls` records every request in order. */
export function realWxDatabase(script: ServerScript): { sdkDb: unknown; calls: ServerCall[] } {
  const calls: ServerCall[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: 'test-env' });
  const sdkDb = cloud.database();
  const { Db } = sdkRequire('@cloudbase/database') as { Db: { reqClass: unknown } };
  // Set after database(): node-sdk's newDb() installs its HTTP requester on every call.
  Db.reqClass = class ScriptedRequester {
    async send(api: string, params: { collectionName?: string; transactionId?: string } = {}) {
      const call = { api, collectionName: params.collectionName, transactionId: params.transactionId };
      calls.push(call);
      return script(call, calls.length);
    }
  };
  return { sdkDb, calls };
}
