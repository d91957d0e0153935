/** Co-creation calls (共创: polls, credits, community rules, product panels) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';


export type Poll = CloudOutput<'community', 'poll'>;
export type PollOption = Poll['options'][number];
export type Credits = CloudOutput<'community', 'credits'>['polls'][number];
export type Rule = CloudOutput<'community', 'rule'>;
export type Panel = CloudOutput<'community', 'panel'>;
export type PanelQuestion = Panel['questions'][number];
export type OpenPollInput = CloudInput<'community', 'openPoll'>;
export type OpenPanelInput = CloudInput<'community', 'openPanel'>;
export type RuleDispute = CloudOutput<'community', 'ruleDisputes'>['disputes'][number];
export type PanelReport = CloudOutput<'community', 'panelReport'>;

export const cocreateService = {
  polls: () => callCloud('community', 'polls'),
  poll: (pollId: string) => callCloud('community', 'poll', { pollId }),
  /** A vote for one option; the same option again changes nothing. `creditName` null stays unnamed. */
  vote: (pollId: string, optionId: string, creditName: string | null) => callCloud('community', 'vote', { pollId, optionId, creditName }),
  /** Operators and KOC co-creators; the same request id is the same poll. */
  openPoll: (input: OpenPollInput) => callCloud('community', 'openPoll', input),
  closePoll: (pollId: string) => callCloud('community', 'closePoll', { pollId }),
  credits: () => callCloud('community', 'credits'),
  rules: () => callCloud('community', 'rules'),
  proposeRule: (title: string, body: string, requestId: string) => callCloud('community', 'proposeRule', { title, body, requestId }),
  voteRule: (ruleId: string, stance: 'support' | 'oppose') => callCloud('community', 'voteRule', { ruleId, stance }),
  disputeRule: (ruleId: string, reason: string) => callCloud('community', 'disputeRule', { ruleId, reason }),
  ruleDisputes: (ruleId: string) => callCloud('community', 'ruleDisputes', { ruleId }),
  arbitrateRule: (ruleId: string, decision: 'uphold' | 'overturn', note: string) => callCloud('community', 'arbitrateRule', { ruleId, decision, note }),
  panels: () => callCloud('community', 'panels'),
  panel: (panelId: string) => callCloud('community', 'panel', { panelId }),
  openPanel: (input: OpenPanelInput) => callCloud('community', 'openPanel', input),
  closePanel: (panelId: string) => callCloud('community', 'closePanel', { panelId }),
  applyPanel: (panelId: string) => callCloud('community', 'applyPanel', { panelId }),
  /** The panel's host (a KOC co-creator, their own panels) and operators: invite super users, post a preview, read the report. */
  invitePanel: (panelId: string, count: number) => callCloud('community', 'invitePanel', { panelId, count }),
  postPreview: (panelId: string, title: string, body: string, requestId: string) => callCloud('community', 'postPreview', { panelId, title, body, images: [], requestId }),
  panelReport: (panelId: string) => callCloud('community', 'panelReport', { panelId }),
  panelFeedback: (panelId: string, answers: Record<string, number | string>) => callCloud('community', 'panelFeedback', { panelId, answers }),
};

export const SUBJECT_NAMES: Record<Poll['subject'], string> = { flavour: '口味', colour: '颜色', packaging: '包装', other: '产品' };


/** A poll or panel held for its pictures' check, as its host sees it: 审核中 until published, or 未发布. */
export const heldLabel = (h: NonNullable<Poll['held']>) => (h.state === 'rejected' ? '未发布' : '审核中');

/** Who opened a poll or panel, as one line ("品牌官方发起" / "共创发起人 小满 发起"). */
export const hostLine = (h: Poll['host']) => (h.official ? '品牌官方发起' : `共创发起人 ${h.name} 发起`);
