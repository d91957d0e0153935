/**
 * Runs the suites project by project, e2e last: unit, integration (local cloud), functions, weapp, e2e. Within a
 * project, jest's own order (failed first, then slowest by the last run's timings, else the largest file).
 *
 * Why: on CI's 2 cores jest runs every suite in one process (maxWorkers = cores - 1 = 1, so in band), and jest's
 * own order put e2e suites first (the largest files in a fresh clone, the slowest with timings). Each e2e suite
 * loads its own playwright-core, whose AsyncLocalStorage stays in Node's process-wide list for good (not ours to
 * disable; ours are, see LocalIdentity.close): CPU per local database operation +23-28 % after one browser was
 * launched and closed. Run last, they cost only themselves.
 */
const Sequencer = require('@jest/test-sequencer').default;

const PROJECT_ORDER = ['unit', 'integration', 'functions', 'weapp', 'e2e'];

const rank = (test) => {
  const i = PROJECT_ORDER.indexOf(test.context.config.displayName?.name);
  return i === -1 ? PROJECT_ORDER.length : i;
};

class ProjectOrderSequencer extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: jest's order stays within a project.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = ProjectOrderSequencer;
module.exports.PROJECT_ORDER = PROJECT_ORDER;
