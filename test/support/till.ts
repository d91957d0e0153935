import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import type { MemberAtTillView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import { ok } from './test-cloud';

/** The till the way a clerk uses it: the member shows a code, the clerk scans it and gets a visit. */
export async function openVisit(cloud: LocalCloud, memberOpenid: string, clerkOpenid: string): Promise<string> {
  const code = ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, memberOpenid));
  const visit = ok(await cloud.call<MemberAtTillView>('staff', { action: 'scanMember', input: { code: code.token } }, clerkOpenid));
  return visit.visitId;
}
