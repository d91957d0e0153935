/** The dynamic member code shown on the card (signed on the server, valid 60 s, accepted once). */
import { callCloud, type CloudOutput } from './cloud';

export type MemberCode = CloudOutput<'member', 'code'>;

export const memberCodeService = {
  issue: () => callCloud('member', 'code'),
};
