/** Member-area calls and view types, named for the pages that use them. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type Home = CloudOutput<'member', 'home'>;
export type MemberCenter = CloudOutput<'member', 'center'>;
export type MemberCard = CloudOutput<'member', 'card'>;
export type PrivacyPolicy = CloudOutput<'member', 'privacyPolicy'>;
export type RegisterInput = CloudInput<'member', 'register'>;
export type UpdateProfileInput = CloudInput<'member', 'updateProfile'>;

export const memberService = {
  /** Who the caller is (visitor, member, staff, operator): the home page by persona. */
  home: () => callCloud('member', 'home'),
  privacyPolicy: () => callCloud('member', 'privacyPolicy'),
  register: (input: RegisterInput) => callCloud('member', 'register', input),
  center: () => callCloud('member', 'center'),
  card: () => callCloud('member', 'card'),
  updateProfile: (input: UpdateProfileInput) => callCloud('member', 'updateProfile', input),
};
