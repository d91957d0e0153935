import { z } from 'zod';
import { MemberLayer } from '../scoring/scoring-config.schema';

const Count = (what: string, max: number) =>
  z.number({ error: `${what}必须是数字` }).int(`${what}必须是整数`).min(0, `${what}不能为负`).max(max, `${what}不能大于 ${max}`);

/**
 * `app_config/cocreate`: what members' power weighs. A member's votes in one poll are the largest of `base`,
 * their tier's entry and any of their layers' entries (Discourse caps votes per trust level the same way).
 * Rule proposals carry the quorum, majority and window in force when they were proposed.
 */
export const CocreateConfig = z.object({
  polls: z
    .object({
      votes: z.object({
        base: Count('基础票数', 20).min(1, '基础票数至少为 1'),
        tiers: z.record(z.string().min(1), Count('等级票数', 20)).default({}),
        layers: z.partialRecord(MemberLayer, Count('分层票数', 20)).default({}),
      }),
    })
    .default({ votes: { base: 1, tiers: { gold: 2, black: 3 }, layers: { super: 3 } } }),
  rules: z
    .object({
      quorum: Count('法定票数', 100_000).min(1, '法定票数至少为 1'),
      majorityPercent: Count('通过比例', 100).min(51, '通过比例至少 51%'),
      windowDays: Count('表决天数', 90).min(1, '表决天数至少 1 天'),
    })
    .default({ quorum: 10, majorityPercent: 60, windowDays: 7 }),
});
export type CocreateConfig = z.output<typeof CocreateConfig>;
