import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEXES } from '../../cloudfunctions/_core/indexes';
import { ALL_CONFIGS } from '../../cloudfunctions/_core/config/config-registry';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('lists every index the code relies on (operators create them from this table)', () => {
    for (const i of INDEXES) {
      const keys = Object.entries(i.keys).map(([k, v]) => (v === 1 ? k : `${k} desc`)).join(', ');
      expect(readme).toContain(`| \`${i.collection}\` | \`${keys}\` | ${i.unique ? 'yes' : 'no'} | ${i.why} |`);
    }
  });

  it('describes every operator document', () => {
    for (const c of ALL_CONFIGS) expect(readme).toContain(`| \`${c.id}\``);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
