import type { AuthorSnapshot } from '../community/community.record';

/** Stored shapes of the KOC programme (城市体验官, 社区管理员) and its offline events (品鉴会). */

/**
 * What an approved member may do: review the community queue, run check-in campaigns, host offline events,
 * open co-creation polls and product panels.
 */
export type KocRole = 'moderator' | 'campaign_host' | 'ambassador' | 'co_creator';
export const KOC_ROLES: readonly KocRole[] = ['moderator', 'campaign_host', 'ambassador', 'co_creator'];

export const KOC_APPLICATIONS = 'koc_applications';
export const KOC_ROLES_COLLECTION = 'koc_roles';
export const KOC_EVENTS = 'koc_events';
export const EVENT_SIGNUPS = 'event_signups';

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

/**
 * `koc_applications/{applicationId}`: one per member (the id derives from the openid, so applying twice finds
 * the same document). Only what the review needs: the city, what they would do, up to 3 links, and the consent.
 */
export interface ApplicationRecord {
  _id: string;
  _openid: string;
  nickname: string;
  city: string;
  plan: string;
  links: string[];
  wanted: KocRole[];
  consent: { version: string; acceptedAt: Date };
  status: ApplicationStatus;
  /** Roles granted on approval. */
  granted: KocRole[];
  /** The operator's reason, shown to the member. */
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  /** Applications made, this one included (a rejected member may apply again). */
  round: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * `koc_roles/{openid}`: the roles a member holds now. Read on every request that needs one (never cached, never
 * in a token), so a revocation takes effect at the member's next call.
 */
export interface KocRoleRecord {
  _id: string;
  roles: KocRole[];
  city: string;
  applicationId: string;
  updatedAt: Date;
}

export type EventStatus = 'proposed' | 'approved' | 'rejected';

/** `koc_events/{eventId}`: an offline event an ambassador proposed; sign-ups counted on it by conditional update. */
export interface EventRecord {
  _id: string;
  /** The ambassador's openid: only they scan attendance. */
  hostOpenid: string;
  /** The host as members see them (name, avatar, badge at proposal time). */
  host: AuthorSnapshot;
  title: string;
  description: string;
  city: string;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** What the host asks the brand for (samples, printed menus...). */
  materials: string;
  status: EventStatus;
  /** The operator's reason and what materials the brand will send. */
  review: { by: string; at: Date; reason: string; materialsNote: string } | null;
  /** The community topic created on approval: posts with it form the event's album. */
  topic: string;
  signedUp: number;
  attended: number;
  createdAt: Date;
}

/** `event_signups/{eventId}:{openid}`: a place taken; `attendedAt` set once, when the host scans the member. */
export interface SignupRecord {
  _id: string;
  _openid: string;
  eventId: string;
  status: 'joining' | 'signed';
  attendedAt: Date | null;
  createdAt: Date;
}

export const INVITE_CARDS = 'invite_cards';

/** `invite_cards/{openid}`: the member's generated invitation code image, made once. */
export interface InviteCardRecord {
  _id: string;
  fileId: string;
  scene: string;
  createdAt: Date;
}
