/** One runner for every kind of test; projects differ only in environment. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // Built function folders repeat the package names of their sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/cloudfunctions/[^/]+/package.json'],
};
module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Project by project, e2e last (see the file: the e2e suites' playwright slowed every suite after them in band).
  testSequencer: '<rootDir>/test/support/project-order-sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testEnvironment: 'node', testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/local-cloud/**/*.test.ts'] },
    { ...common, displayName: 'functions', testEnvironment: 'node', testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    { ...common, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
