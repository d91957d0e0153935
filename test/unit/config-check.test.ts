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

    it("checks a campaign's topic, badge and days against the community's other documents", () => {
      const lines = (docs: Record<string, unknown>[]) => JSON.stringify(docs);
      writeFileSync(
        join(dir, 'community_topics.json'),
        lines([
          { _id: 'morning-run', name: '晨跑打卡', status: 'active' },
          { _id: 'tea', name: '喝茶', status: 'retired' },
          { _id: 'member-idea', name: '会员提议', status: 'proposed', origin: 'member', proposedBy: 'o-someone' },
        ]),
      );
      writeFileSync(
        join(dir, 'community_badges.json'),
        lines([
          { _id: 'run-7', name: '晨跑七日', rule: { kind: 'campaign_finished' } },
          { _id: 'old', name: '旧徽章', rule: { kind: 'campaign_finished' }, active: false },
          { _id: 'first', name: '初次发声', rule: { kind: 'first_post' } },
          { _id: 'broken', name: '坏徽章', color: 'red', rule: { kind: 'campaign_finished' } },
        ]),
      );
      const campaign = (id: string, over: Record<string, unknown>) => ({ _id: id, title: '打卡', topic: 'morning-run', days: 7, from: '2026-12-01', to: '2026-12-31', capacity: 100, badge: 'run-7', ...over });
      writeFileSync(
        join(dir, 'community_campaigns.json'),
        lines([
          campaign('good', {}),
          campaign('by-name', { topic: 'chenpao' }),
          campaign('retired-topic', { topic: 'tea' }),
          campaign('no-badge', { badge: 'nope' }),
          campaign('off-badge', { badge: 'old' }),
          campaign('other-rule', { badge: 'first' }),
          campaign('broken-badge', { badge: 'broken' }),
          campaign('too-short', { from: '2026-02-01', to: '2026-02-05', days: 7 }),
        ]),
      );
      expect(checkFolder(dir).map((m) => [m.where, m.line, m.kind])).toEqual(
        expect.arrayContaining([
          ['community_badges/broken', expect.stringMatching(/^color：/), 'invalid'],
          ['community_campaigns/by-name', 'topic：话题 chenpao 不存在：会员发帖选不到它，打卡不会计入', 'warning'],
          ['community_campaigns/retired-topic', 'topic：话题 tea 未开放（status 为 retired）：会员发帖选不到它，打卡不会计入', 'warning'],
          ['community_campaigns/no-badge', 'badge：徽章 nope 不存在：完成活动时不会颁发', 'warning'],
          ['community_campaigns/off-badge', 'badge：徽章 old 已停用：完成活动时不会颁发', 'warning'],
          ['community_campaigns/other-rule', expect.stringMatching(/^badge：徽章 first 的获得方式是 first_post/), 'warning'],
          ['community_campaigns/broken-badge', expect.stringMatching(/^badge：徽章 broken 有错误/), 'warning'],
          ['community_campaigns/too-short', 'days：打卡天数 7 多于活动期间的 5 天，没有人能完成', 'warning'],
        ]),
      );
      expect(checkFolder(dir)).toHaveLength(8); // the good campaign, the topics and the valid badges have none
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
