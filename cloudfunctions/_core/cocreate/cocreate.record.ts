/** Stored shapes of co-creation (共创): polls, co-built rules (规则共建) and product panels (新品测试官). */
/** A cloud fileID or https URL (`ImageRef` in shared/images.ts). */
type ImageRef = string;

export const POLLS = 'cocreate_polls';
export const POLL_VOTES = 'poll_votes';
export const POLL_BALLOTS = 'poll_ballots';
export const POLL_GATES = 'poll_gates';
export const RULES = 'community_rules';
export const RULE_VOTES = 'rule_votes';
export const PANELS = 'cocreate_panels';
export const PANEL_MEMBERS = 'panel_members';
export const PANEL_PREVIEWS = 'panel_previews';
export const PANEL_FEEDBACK = 'panel_feedback';

export type PollSubject = 'flavour' | 'colour' | 'packaging' | 'other';

export interface PollOptionRecord {
  id: string;
  label: string;
  image: ImageRef | null;
  /** A member host's image: WeChat's media check verdict (absent for operators' images, which are the brand's). */
  check?: ImageCheck;
}

/** security.mediaCheckAsync's verdict on a member host's image, `pending` until its result event arrives. */
export type ImageCheck = 'pending' | 'pass' | 'review' | 'risky';

/**
 * A member-hosted poll or panel with images waits for WeChat's media check before anyone else sees it:
 * `checking` until every image answered, `review` while a moderator looks at an image WeChat was unsure of,
 * `rejected` for good (a risky image, a moderator's refusal, or the check finishing after the closing time).
 * Operators' polls and panels never wait. Published = no hold (null or absent).
 */
export interface ImageHold {
  state: 'checking' | 'review' | 'rejected';
  /** What the host sees (Chinese). */
  note: string;
}

/**
 * Who opened a poll or panel, as members see it: the brand (an operator) or a member holding the KOC role
 * `co_creator` (共创发起人), credited by the nickname they had then (null once they closed their account).
 */
export interface HostFields {
  /** The KOC host's openid; null when an operator opened it (the brand hosts). */
  hostOpenid: string | null;
  hostName: string | null;
}

/** `cocreate_polls/{id}`: opened by an operator or a KOC co-creator; `tally` moves by `_.inc` with each counted vote. */
export interface PollRecord extends Partial<HostFields> {
  _id: string;
  title: string;
  description: string;
  subject: PollSubject;
  productName: string;
  /** What the winners' names are credited on ("印在 2027 春季新品吊牌上"). */
  creditLine: string;
  options: PollOptionRecord[];
  tally: Record<string, number>;
  votes: number;
  voters: number;
  /** `held` while its images wait for the media check (see `hold`): not listed, not votable, never closed. */
  status: 'held' | 'open' | 'closed';
  hold?: ImageHold | null;
  opensAt: Date;
  closesAt: Date;
  /** Counted from the vote documents when the poll closed: the public, final result. */
  results: { tally: Record<string, number>; total: number; winners: string[] } | null;
  createdBy: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** `poll_votes/{pollId}:{optionId}:{openid}`: one vote (a member gives each option at most one). */
export interface PollVoteRecord {
  _id: string;
  _openid: string;
  pollId: string;
  optionId: string;
  /** The name the member chose to be credited under, or null to stay unnamed. */
  creditName: string | null;
  credited: boolean;
  votedAt: Date;
}

/**
 * `poll_gates/{pollId}:{shard}`: one of a poll's shards (members are spread over them by openid). A vote's
 * transaction refuses a closed shard and counts itself on its shard; closing writes every shard in one
 * transaction, so a vote commits either before the close (and is in the stored result) or not at all.
 */
export interface PollGateRecord {
  _id: string;
  pollId: string;
  status: 'open' | 'closed';
  tally: Record<string, number>;
  votes: number;
}

/** `poll_ballots/{pollId}:{openid}`: how many of their votes a member has used in a poll (the budget guard). */
export interface PollBallotRecord {
  _id: string;
  _openid: string;
  pollId: string;
  used: number;
  options: string[];
  updatedAt: Date;
}

export type RuleStatus = 'open' | 'adopted' | 'expired' | 'overturned';

export interface Arbitration {
  by: string;
  decision: 'uphold' | 'overturn';
  note: string;
  at: Date;
  /** The rule's dispute count the decision answered: disputes raised later make it disputed again. */
  disputesSeen?: number;
}

/** `community_rules/{id}`: a member's proposal and, once adopted, a rule of the community (社区公约). */
export interface RuleRecord {
  _id: string;
  /** The proposer. */
  _openid: string;
  /** Null once the proposer closed their account (the rule stays). */
  proposerName: string | null;
  title: string;
  body: string;
  status: RuleStatus;
  support: number;
  oppose: number;
  /** Copied from `app_config/cocreate` when proposed: a later change does not move a running vote. */
  quorum: number;
  majorityPercent: number;
  closesAt: Date;
  createdAt: Date;
  adoptedAt: Date | null;
  expiredAt: Date | null;
  /** Members who disputed it (one `rule_disputes` document each; moved in the same transaction). */
  disputes: number;
  arbitration: Arbitration | null;
}

export const RULE_DISPUTES = 'rule_disputes';

/** `rule_disputes/{ruleId}:{openid}`: a member's dispute of an adopted rule or an open proposal, once, with the reason. */
export interface RuleDisputeRecord {
  _id: string;
  _openid: string;
  ruleId: string;
  reason: string;
  at: Date;
}

/** `rule_votes/{ruleId}:{openid}`: a member's stance on a proposal. */
export interface RuleVoteRecord {
  _id: string;
  _openid: string;
  ruleId: string;
  stance: 'support' | 'oppose';
  at: Date;
}

export interface PanelQuestion {
  id: string;
  kind: 'rating' | 'choice' | 'text';
  label: string;
  options: string[];
}

/**
 * `cocreate_panels/{id}`: a product panel (新品测试官). `open` = seats neither invited nor taken. An operator
 * may close applications early (`closedAt`, `closedBy`), a KOC-hosted panel included.
 */
export interface PanelRecord extends Partial<HostFields> {
  _id: string;
  closedAt?: Date | null;
  /** Seats taken when it was closed (written in the closing transaction; no seat is taken after it). */
  seatedAtClose?: number;
  title: string;
  productName: string;
  description: string;
  image: ImageRef | null;
  /** A member host's image: its media check verdict (absent for operators'). */
  imageCheck?: ImageCheck;
  /** Set while a member host's image waits for the media check: nobody else sees it, nobody applies. */
  hold?: ImageHold | null;
  seats: number;
  open: number;
  invited: number;
  seated: number;
  applyUntil: Date;
  questions: PanelQuestion[];
  createdBy: string;
  createdAt: Date;
}

/** `panel_members/{panelId}:{openid}`: an invitation (holds a seat) or a seat. */
export interface PanelMemberRecord {
  _id: string;
  _openid: string;
  panelId: string;
  status: 'applying' | 'invited' | 'seated';
  via: 'invite' | 'apply';
  invitedAt: Date | null;
  seatedAt: Date | null;
  feedbackAt: Date | null;
}

/** `panel_previews/{id}`: an early look (新品抢先看) only panelists see. */
export interface PanelPreviewRecord {
  _id: string;
  panelId: string;
  title: string;
  body: string;
  images: ImageRef[];
  createdAt: Date;
}

/** `panel_feedback/{panelId}:{openid}`: a panelist's structured answers, once. */
export interface PanelFeedbackRecord {
  _id: string;
  _openid: string;
  panelId: string;
  answers: Record<string, number | string>;
  createdAt: Date;
}
