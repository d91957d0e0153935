import { z } from 'zod';
import { explainIssues, formatPath } from '../../cloudfunctions/_core/shared/config-problems.rules';

describe('operator-facing explanations', () => {
  it('formats paths like a console user reads them', () => {
    expect(formatPath(['tiers', 1, 'benefits', 0, 'title'])).toBe('tiers[1].benefits[0].title');
    expect(formatPath([])).toBe('(整个文档)');
  });

  it('turns zod issues into Chinese lines with the field', () => {
    const schema = z.object({ name: z.string().min(2), count: z.number().int(), kind: z.enum(['a', 'b']) }).strict();
    const r = schema.safeParse({ name: 'x', kind: 'c', extra: 1 });
    expect(r.success).toBe(false);
    expect(explainIssues(r.error!.issues)).toEqual(
      expect.arrayContaining(['name：不能小于 2 个字', 'count：缺少此字段', 'kind：取值无效，可选：a、b', '(整个文档)：不认识的字段：extra']),
    );
  });
});
