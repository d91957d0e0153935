import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONFIGS } from '../../cloudfunctions/_core/config/config-registry';
import { README_PATH, withCollectionsSection } from '../../scripts/collections-doc';

const readme = readFileSync(README_PATH, 'utf8');

describe('README', () => {
  it('has the collection and index tables the spec generates (run `npm run docs:collections`)', () => {
    expect(readme).toBe(withCollectionsSection(readme));
  });

  it('describes every operator document', () => {
    for (const c of ALL_CONFIGS) expect(readme).toContain(`| \`${c.id}\``);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('explains how to deploy', () => {
    expect(readme).toContain('npm run deploy -- --dry-run');
    expect(readFileSync(join(__dirname, '../../package.json'), 'utf8')).toContain('"deploy":');
  });
});
