import { readFileSync } from 'node:fs';
import { API_DOC_PATH, renderApiDoc } from '../../scripts/api-doc';
import { contracts } from '../../cloudfunctions/_core/contracts';

describe('docs/api.md', () => {
  it('is what the contracts generate (run `npm run docs:api` after changing a contract)', () => {
    expect(readFileSync(API_DOC_PATH, 'utf8')).toBe(renderApiDoc());
  });

  it('documents every action of every function', () => {
    const doc = renderApiDoc();
    for (const c of Object.values(contracts)) {
      for (const action of Object.keys(c.actions)) expect(doc).toContain(`### \`${c.name}.${action}\``);
    }
  });
});
