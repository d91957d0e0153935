import { z } from 'zod';
import type { MemberLayer } from '../scoring/scoring-config.schema';

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
        tiers: z
          .array(z.object({ code: z.string().trim().min(1, '请填写等级编号'), votes: Count('等级票数', 20) }))
          .max(20, '最多 20 个等级')
          .default([]),
        layers: z
          .object({
            super: Count('超级用户票数', 20).optional(),
            high_value: Count('高净值票数', 20).optional(),
            potential: Count('潜力票数', 20).optional(),
            dormant: Count('沉睡票数', 20).optional(),
            newcomer: Count('新人票数', 20).optional(),
          } satisfies Record<MemberLayer, z.ZodType>)
          .strict()
          .default({}),
      }),
    })
    .default({
      votes: {
        base: 1,
        tiers: [
          { code: 'gold', votes: 2 },
          { code: 'black', votes: 3 },
        ],
        layers: { super: 3 },
      },
    }),
  rules: z
    .object({
      quorum: Count('法定票数', 100_000).min(1, '法定票数至少为 1'),
      majorityPercent: Count('通过比例', 100).min(51, '通过比例至少 51%'),
      windowDays: Count('表决天数', 90).min(1, '表决天数至少 1 天'),
    })
    .default({ quorum: 10, majorityPercent: 60, windowDays: 7 }),
});
export type CocreateConfig = z.output<typeof CocreateConfig>;
