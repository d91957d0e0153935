/** Contracts of co-creation: polls (共创投票), co-built rules (规则共建), product panels (新品测试官). */
import { z } from 'zod';
import { RequestId } from '../shared/idempotency';
import { ImageRef } from '../shared/images';

export const PollId = z.string().regex(/^v[A-Za-z0-9_-]{6,40}$/, '投票编号无效');
export const OptionId = z.string().regex(/^[a-z][a-z0-9]{0,7}$/, '选项编号无效');
export const RuleId = z.string().regex(/^r[A-Za-z0-9_-]{6,40}$/, '公约编号无效');
export const PanelId = z.string().regex(/^n[A-Za-z0-9_-]{6,40}$/, '测试编号无效');
const Instant = z.iso.datetime({ offset: true, error: '时间格式无效' }).transform((s) => new Date(s));
const Text = (what: string, max: number) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字`);

/* ---------------------------------------------------------------- polls */

export const PollSubject = z.enum(['flavour', 'colour', 'packaging', 'other']);

export const OpenPollInput = z
  .object({
    requestId: RequestId,
    title: Text('投票标题', 40),
    description: z.string().trim().max(300, '投票说明最多 300 个字').default(''),
    subject: PollSubject,
    productName: Text('产品名称', 30),
    creditLine: Text('署名说明', 40),
    options: z
      .array(z.object({ label: Text('选项名称', 20), image: ImageRef.nullable().default(null) }))
      .min(2, '至少需要 2 个选项')
      .max(8, '最多 8 个选项'),
    opensAt: Instant.optional(),
    closesAt: Instant,
  })
  .refine((i) => new Set(i.options.map((o) => o.label)).size === i.options.length, { message: '选项名称不能重复', path: ['options'] });
export type OpenPollInput = z.output<typeof OpenPollInput>;

export const PollInput = z.object({ pollId: PollId });
export type PollInput = z.output<typeof PollInput>;

export const VoteInput = z.object({
  pollId: PollId,
  optionId: OptionId,
  /** The name to credit (署名); null stays unnamed. */
  creditName: z.string().trim().min(1, '署名不能为空').max(12, '署名最多 12 个字').nullable().default(null),
});
export type VoteInput = z.output<typeof VoteInput>;

export const PollOptionView = z.object({
  optionId: z.string(),
  label: z.string(),
  image: z.string().nullable(),
  votes: z.number().int(),
  percent: z.number().int(),
  winner: z.boolean(),
  mine: z.boolean(),
});

/** Who opened a poll or panel: the brand, or a member with the KOC role co_creator (共创发起人). */
export const HostView = z.object({ name: z.string(), official: z.boolean() });

/**
 * Only its host (and operators) see a poll or panel held for its images' media check: `checking` or `review`
 * (审核中) until published, `rejected` when it will not be (the note says why). Null once published.
 */
export const HeldView = z.object({ state: z.enum(['checking', 'review', 'rejected']), note: z.string() }).nullable();

export const PollView = z.object({
  pollId: z.string(),
  title: z.string(),
  description: z.string(),
  subject: PollSubject,
  productName: z.string(),
  creditLine: z.string(),
  host: HostView,
  /** The caller is an operator: may close (withdraw) it. */
  manage: z.boolean(),
  /** `held`: waiting for its images' check (see `held`), seen by its host and operators only. */
  state: z.enum(['held', 'upcoming', 'open', 'ended']),
  held: HeldView,
  opensAt: z.string(),
  closesAt: z.string(),
  /** Final once the poll ended (counted from the vote documents), live before. */
  final: z.boolean(),
  votes: z.number().int(),
  voters: z.number().int(),
  options: z.array(PollOptionView),
  /** The caller's votes: budget and used (null for visitors). */
  mine: z.object({ budget: z.number().int(), used: z.number().int() }).nullable(),
});
export type PollView = z.output<typeof PollView>;

/** `canOpen`: the caller may open polls and panels (an operator, or a member holding the KOC role co_creator). */
export const PollsView = z.object({ polls: z.array(PollView), canOpen: z.boolean() });
export type PollsView = z.output<typeof PollsView>;

export const VoteView = z.object({ poll: PollView, repeated: z.boolean() });
export type VoteView = z.output<typeof VoteView>;

export const CreditsView = z.object({
  polls: z.array(
    z.object({
      pollId: z.string(),
      title: z.string(),
      productName: z.string(),
      creditLine: z.string(),
      closesAt: z.string(),
      winners: z.array(z.string()),
      /** Named voters of the winning options, in voting order (first 200). */
      names: z.array(z.string()),
      total: z.number().int(),
    }),
  ),
});
export type CreditsView = z.output<typeof CreditsView>;

/* ---------------------------------------------------------------- rules */

export const ProposeRuleInput = z.object({ requestId: RequestId, title: Text('公约标题', 30), body: Text('公约内容', 300) });
export type ProposeRuleInput = z.output<typeof ProposeRuleInput>;

export const RuleInput = z.object({ ruleId: RuleId });
export type RuleInput = z.output<typeof RuleInput>;

export const RuleVoteInput = z.object({ ruleId: RuleId, stance: z.enum(['support', 'oppose'], { error: '请选择支持或反对' }) });
export type RuleVoteInput = z.output<typeof RuleVoteInput>;

export const ArbitrateInput = z.object({
  ruleId: RuleId,
  decision: z.enum(['uphold', 'overturn'], { error: '请选择维持或撤销' }),
  note: Text('裁决说明', 200),
});
export type ArbitrateInput = z.output<typeof ArbitrateInput>;

export const DisputeRuleInput = z.object({ ruleId: RuleId, reason: Text('争议理由', 200) });
export type DisputeRuleInput = z.output<typeof DisputeRuleInput>;

export const RuleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  body: z.string(),
  proposer: z.string(),
  status: z.enum(['open', 'adopted', 'expired', 'overturned']),
  support: z.number().int(),
  oppose: z.number().int(),
  quorum: z.number().int(),
  majorityPercent: z.number().int(),
  supportPercent: z.number().int(),
  missingVotes: z.number().int(),
  closesAt: z.string(),
  adoptedAt: z.string().nullable(),
  arbitration: z.object({ decision: z.enum(['uphold', 'overturn']), note: z.string(), at: z.string() }).nullable(),
  mine: z.enum(['support', 'oppose']).nullable(),
  /** Members who disputed it; `disputed`: some of them since the last arbitration (有争议). */
  disputes: z.number().int(),
  disputed: z.boolean(),
  /** The caller disputed it. */
  myDispute: z.boolean(),
});
export type RuleView = z.output<typeof RuleView>;

/** `canArbitrate`: the caller is an operator (reads disputes, upholds or repeals). */
export const RulesView = z.object({ adopted: z.array(RuleView), open: z.array(RuleView), closed: z.array(RuleView), canArbitrate: z.boolean() });
export type RulesView = z.output<typeof RulesView>;

export const DisputeView = z.object({ rule: RuleView, repeated: z.boolean() });
export type DisputeView = z.output<typeof DisputeView>;

export const RuleDisputesView = z.object({
  rule: RuleView,
  /** Latest first (first 100): the reasons only; who raised them stays with the operators' audit. */
  disputes: z.array(z.object({ reason: z.string(), at: z.string() })),
});
export type RuleDisputesView = z.output<typeof RuleDisputesView>;

export const RuleVoteView = z.object({ rule: RuleView, repeated: z.boolean(), adopted: z.boolean() });
export type RuleVoteView = z.output<typeof RuleVoteView>;

/* ---------------------------------------------------------------- panels */

export const PanelQuestionInput = z
  .object({
    id: OptionId,
    kind: z.enum(['rating', 'choice', 'text']),
    label: Text('问题', 40),
    options: z.array(Text('选项', 20)).max(8, '最多 8 个选项').default([]),
  })
  .refine((q) => q.kind !== 'choice' || q.options.length >= 2, { message: '选择题至少需要 2 个选项', path: ['options'] });

export const OpenPanelInput = z
  .object({
    requestId: RequestId,
    title: Text('测试标题', 30),
    productName: Text('产品名称', 30),
    description: z.string().trim().max(300, '说明最多 300 个字').default(''),
    image: ImageRef.nullable().default(null),
    seats: z.number({ error: '名额必须是数字' }).int('名额必须是整数').min(1, '名额至少 1 个').max(1000, '名额最多 1000 个'),
    applyUntil: Instant,
    questions: z.array(PanelQuestionInput).min(1, '至少需要 1 个反馈问题').max(10, '最多 10 个问题'),
  })
  .refine((i) => new Set(i.questions.map((q) => q.id)).size === i.questions.length, { message: '问题编号不能重复', path: ['questions'] });
export type OpenPanelInput = z.output<typeof OpenPanelInput>;

export const PanelInput = z.object({ panelId: PanelId });
export type PanelInput = z.output<typeof PanelInput>;

export const InviteInput = z.object({ panelId: PanelId, count: z.number().int().min(1, '至少邀请 1 位').max(200, '一次最多邀请 200 位') });
export type InviteInput = z.output<typeof InviteInput>;

export const PreviewInput = z.object({
  panelId: PanelId,
  requestId: RequestId,
  title: Text('标题', 30),
  body: Text('内容', 1000),
  images: z.array(ImageRef).max(9, '最多 9 张图片').default([]),
});
export type PreviewInput = z.output<typeof PreviewInput>;

export const FeedbackInput = z.object({ panelId: PanelId, answers: z.record(OptionId, z.union([z.number(), z.string().max(600, '回答最多 500 个字')])) });
export type FeedbackInput = z.output<typeof FeedbackInput>;

export const PanelView = z.object({
  panelId: z.string(),
  title: z.string(),
  productName: z.string(),
  description: z.string(),
  image: z.string().nullable(),
  host: HostView,
  /** The caller is an operator: may close (withdraw) it. */
  manage: z.boolean(),
  seats: z.number().int(),
  /** Seats neither invited nor taken. */
  open: z.number().int(),
  seated: z.number().int(),
  applyUntil: z.string(),
  /** `held`: waiting for its image's check (see `held`), seen by its host and operators only. */
  state: z.enum(['held', 'open', 'closed']),
  held: HeldView,
  /** The caller hosts it (a KOC co-creator): may invite, post previews and read the report. */
  hosting: z.boolean(),
  mine: z.enum(['invited', 'seated']).nullable(),
  feedbackSent: z.boolean(),
  questions: z.array(z.object({ id: z.string(), kind: z.enum(['rating', 'choice', 'text']), label: z.string(), options: z.array(z.string()) })),
  /** Only for panelists (and operators). */
  previews: z.array(z.object({ previewId: z.string(), title: z.string(), body: z.string(), images: z.array(z.string()), createdAt: z.string() })),
});
export type PanelView = z.output<typeof PanelView>;

export const PanelsView = z.object({ panels: z.array(PanelView), canOpen: z.boolean() });
export type PanelsView = z.output<typeof PanelsView>;

export const ApplyView = z.object({ panel: PanelView, via: z.enum(['invite', 'apply']) });
export type ApplyView = z.output<typeof ApplyView>;

export const InviteView = z.object({ invited: z.number().int(), panel: PanelView });
export type InviteView = z.output<typeof InviteView>;

export const PanelReportView = z.object({
  panel: PanelView,
  responses: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['rating', 'choice', 'text']),
      label: z.string(),
      averageTenths: z.number().int().nullable(),
      counts: z.array(z.object({ option: z.string(), count: z.number().int() })),
      texts: z.array(z.string()),
    }),
  ),
});
export type PanelReportView = z.output<typeof PanelReportView>;

export const IdView = z.object({ id: z.string() });
