/**
 * Money is written one way everywhere (¥1,000.00): the shared formatter, and a scan of the server's and the
 * app's sources for money written by hand (a `¥${…}` or `${…} 元` template) instead of through it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { formatMoney, formatNumber } from '../../cloudfunctions/_core/shared/money.rules';
import { formatMoney as appFormatMoney } from '../../src/utils/format';
import { ROOT } from '../support/test-cloud';

describe('formatMoney', () => {
  it('groups the yuan and always shows two decimals', () => {
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(990)).toBe('¥9.90');
    expect(formatMoney(12_800)).toBe('¥128.00');
    expect(formatMoney(100_000)).toBe('¥1,000.00');
    expect(formatMoney(123_456_789)).toBe('¥1,234,567.89');
    expect(formatMoney(-2_800)).toBe('-¥28.00');
    expect(formatNumber(1_234_567)).toBe('1,234,567');
  });

  it('reads back to the same fen for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = formatMoney(fen);
        expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(Number(text.replace(/[¥,]/g, '')) * 100).toBeCloseTo(fen, 0);
      }),
    );
  });

  it('is the same function in the app', () => {
    expect(appFormatMoney).toBe(formatMoney);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'local' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

it('no server message or app text writes money by hand', () => {
  // `¥${x}` (the formatter adds the sign) or `${x} 元` / `${x}元` (an amount in a sentence).
  const byHand = /¥\$\{|\$\{[^}]*\}\s*元/;
  const formatter = join(ROOT, 'cloudfunctions/_core/shared/money.rules.ts');
  const found = [...sources(join(ROOT, 'cloudfunctions/_core')), ...sources(join(ROOT, 'src'))]
    .filter((file) => file !== formatter)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${relative(ROOT, file)}:${i + 1}`, line: line.trim() }))
        .filter(({ line }) => byHand.test(line) && !line.startsWith('//') && !line.startsWith('*')),
    )
    .map(({ at, line }) => `${at}: ${line}`);
  expect(found).toEqual([]);
});
