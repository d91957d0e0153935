/**
 * `npm run config:check -- <folder>`: a folder with ten planted mistakes (each kind an operator makes, in each
 * file layout the checker reads) gives exactly those ten, each at its document and field path; a folder of the
 * registry's examples gives none; the command exits 1 on mistakes and 0 without.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OPERATOR_DOCUMENTS } from '../../cloudfunctions/_core/config/config-registry';
import { checkFolder } from '../../scripts/config-check';

const PLANTED = resolve(__dirname, 'fixtures/config-check/planted');
const ROOT = resolve(__dirname, '../..');

describe('config:check', () => {
  it('finds all ten planted mistakes with their paths, and nothing else', () => {
    const found = checkFolder(PLANTED).map((m) => [m.where, m.line.split('：')[0], m.kind]);
    expect(found.sort()).toEqual(
      [
        ['app_config/tiers', 'tiers[2].threshold', 'invalid'], // thresholds not increasing
        ['app_config/earn_rules', 'memberDay.dayOfMonth', 'invalid'], // the 31st does not exist in every month
        ['coupon_templates/CASH20', 'kind.amountOffFen', 'invalid'], // more off than the threshold
        ['coupon_templates/GOLD', 'audience.tiers[1]', 'warning'], // a tier name instead of its code
        ['coupon_templates/VIPDAY', 'stores[1]', 'warning'], // a store that does not exist
        ['coupon_templates/WELCOME30', 'perMemberPerDya', 'warning'], // a misspelt field
        ['mall_items/COUPON20', 'couponTemplateId', 'warning'], // template without the points_exchange channel
        ['mall_items/GHOST', 'couponTemplateId', 'warning'], // template that does not exist
        ['mall_items/MUG', 'pricePoints', 'invalid'], // a free item
        ['roles/o-clerk-2', 'storeId', 'warning'], // a clerk in a store that does not exist
      ].sort(),
    );
  });

  it('explains each mistake in Chinese', () => {
    const lines = checkFolder(PLANTED).map((m) => m.line);
    expect(lines).toEqual(
      expect.arrayContaining([
        'memberDay.dayOfMonth：会员日最晚为每月 28 日：29、30、31 日在有些月份不存在',
        'audience.tiers[1]：等级代码 金卡会员 不存在（现有：silver、gold、black）',
        'couponTemplateId：券模板 WELCOME30 的发放渠道（channels）没有 points_exchange，无法从这里发放',
        'couponTemplateId：券模板 NOPE 不存在',
      ]),
    );
    for (const l of lines) expect(l).toMatch(/[\u4e00-\u9fa5]/);
  });

  describe('on other folders', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'config-check-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('finds nothing in the examples of the registry, one file per document', () => {
      for (const d of OPERATOR_DOCUMENTS) {
        mkdirSync(join(dir, d.collection), { recursive: true });
        writeFileSync(join(dir, d.collection, `${d.example._id}.json`), JSON.stringify(d.example));
      }
      expect(checkFolder(dir)).toEqual([]);
    });

    it('reads a console export (one document per line) and names broken lines, unknown ids and unknown collections', () => {
      const tiers = OPERATOR_DOCUMENTS.find((d) => d.key === 'tiers')!.example;
      writeFileSync(join(dir, 'app_config.json'), `${JSON.stringify(tiers)}\n{"_id":"tierz"}\n{not json\n`);
      writeFileSync(join(dir, 'app_configs.json'), '[]');
      expect(checkFolder(dir).map((m) => [m.where, m.line.slice(0, 8)])).toEqual([
        ['app_config.json 第 3 行', '不是有效的 JS'],
        ['app_configs.json', '不认识的集合（运'],
        ['app_config/tierz', '(整个文档)：不'],
      ]);
    });

    it('exits 1 on mistakes and 0 without, printing each mistake', () => {
      const bad = spawnSync('npx', ['tsx', 'scripts/config-check.ts', PLANTED], { cwd: ROOT, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('app_config/earn_rules  memberDay.dayOfMonth：');
      expect(bad.stdout).toContain('共 10 处错误');
      const good = execFileSync('npx', ['tsx', 'scripts/config-check.ts', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(good).toContain('没有发现错误');
    });
  });
});
