/**
 * jest.config.js's sequencer: project by project with e2e last (playwright slows every suite after it in one
 * process), jest's own order kept within a project.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ProjectOrderSequencer = require('../support/project-order-sequencer.js') as new () => { sort(tests: FakeTest[]): FakeTest[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PROJECT_ORDER } = require('../support/project-order-sequencer.js') as { PROJECT_ORDER: string[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require('../../jest.config.js') as { testSequencer: string; projects: { displayName: string }[] };

interface FakeTest {
  path: string;
  context: { config: { cache: boolean; displayName: { name: string } }; hasteFS: { getSize(path: string): number } };
}

/** A test file of `project` with `size` bytes and no timings (a fresh clone). */
function file(project: string, name: string, size: number): FakeTest {
  return { path: `/repo/test/${project}/${name}`, context: { config: { cache: false, displayName: { name: project } }, hasteFS: { getSize: () => size } } };
}

describe('the project-order sequencer', () => {
  it('is the one jest.config.js uses, and names every project there', () => {
    expect(jestConfig.testSequencer).toBe('<rootDir>/test/support/project-order-sequencer.js');
    expect([...jestConfig.projects.map((p) => p.displayName)].sort()).toEqual([...PROJECT_ORDER].sort());
  });

  it('runs e2e last and the local-cloud suites before weapp and e2e, even when e2e files are the largest', () => {
    const tests = [file('e2e', 'big.e2e.test.ts', 12_000), file('weapp', 'a.test.ts', 13_000), file('integration', 'property.test.ts', 5_000), file('unit', 'r.test.ts', 1_000), file('functions', 'b.test.ts', 9_000)];
    expect(new ProjectOrderSequencer().sort(tests).map((t) => t.context.config.displayName.name)).toEqual(['unit', 'integration', 'functions', 'weapp', 'e2e']);
  });

  it("keeps jest's order within a project (largest file first without timings)", () => {
    const tests = [file('integration', 'small.test.ts', 100), file('e2e', 'x.e2e.test.ts', 1), file('integration', 'large.test.ts', 900), file('integration', 'mid.test.ts', 500)];
    expect(new ProjectOrderSequencer().sort(tests).map((t) => t.path.split('/').pop())).toEqual(['large.test.ts', 'mid.test.ts', 'small.test.ts', 'x.e2e.test.ts']);
  });
});
