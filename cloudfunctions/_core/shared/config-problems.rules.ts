import type { z } from 'zod';

/** Turns zod issues into lines an operator can act on, in Chinese: "tiers[1].threshold：必须是整数". */
export function explainIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${formatPath(i.path)}：${chineseMessage(i)}`);
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(整个文档)';
  return path
    .map((p, idx) => (typeof p === 'number' ? `[${p}]` : idx === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

export function chineseMessage(i: z.core.$ZodIssue): string {
  // Our own schemas carry Chinese messages already; translate zod's generic ones.
  if (hasChinese(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '缺少此字段' : `类型错误，应为 ${i.expected}`;
    case 'too_small':
      return `不能小于 ${String(i.minimum)}${i.origin === 'string' ? ' 个字' : i.origin === 'array' ? ' 项' : ''}`;
    case 'too_big':
      return `不能大于 ${String(i.maximum)}${i.origin === 'string' ? ' 个字' : i.origin === 'array' ? ' 项' : ''}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `取值无效，可选：${i.values.map(String).join('、')}`;
    case 'unrecognized_keys':
      return `不认识的字段：${i.keys.join('、')}`;
    case 'not_multiple_of':
      return `必须是 ${String(i.divisor)} 的倍数`;
    default:
      return '取值无效';
  }
}
