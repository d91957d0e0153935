/** The dependency direction of DESIGN.md, checked on every test run. */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      comment: '*.rules.ts decide; they import no I/O: no database, platform, services or node built-ins.',
      severity: 'error',
      from: { path: '\\.rules\\.ts$' },
      to: { pathNot: ['\\.rules\\.ts$', '\\.schema\\.ts$', '\\.record\\.ts$', '^node_modules/(dayjs|zod)/', 'tier-config\\.schema'] },
    },
    {
      name: 'core-never-touches-the-sdk',
      comment: 'The business core reaches the platform only through ports.',
      severity: 'error',
      from: { path: '^cloudfunctions/_core/' },
      to: { path: ['wx-server-sdk', '^cloudfunctions/_platform/(wx|local|runtime)/'] },
    },
    {
      name: 'core-uses-only-ports',
      severity: 'error',
      from: { path: '^cloudfunctions/_core/' },
      to: { path: '^cloudfunctions/_platform/', pathNot: '^cloudfunctions/_platform/[a-z-]+\\.port\\.ts$' },
    },
    {
      name: 'app-imports-only-contracts',
      comment: 'src/ may use the contracts (types and zod schemas), nothing else from the cloud side.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^cloudfunctions/',
        pathNot: ['^cloudfunctions/_core/contracts/', '\\.schema\\.ts$', '^cloudfunctions/_core/shared/errors\\.ts$', '^cloudfunctions/_core/shared/idempotency\\.ts$', '^cloudfunctions/_core/shared/money\\.rules\\.ts$'],
      },
    },
    {
      name: 'contracts-are-pure',
      comment: 'The app bundles the contracts: they may import schemas only.',
      severity: 'error',
      from: { path: '^cloudfunctions/_core/contracts/' },
      to: { path: ['\\.service\\.ts$', '^cloudfunctions/_platform/', 'node:'] },
    },
    {
      name: 'functions-stay-thin',
      comment: 'A function entry wires contract to use cases through the runtime; nothing else.',
      severity: 'error',
      from: { path: '^cloudfunctions/[a-z][a-z0-9-]*/index\\.ts$' },
      to: { path: '^cloudfunctions/_platform/(local|wx)/' },
    },
    {
      name: 'no-local-cloud-in-production',
      comment: 'Only scripts and tests use the local cloud.',
      severity: 'error',
      from: { path: '^cloudfunctions/(_core|_platform/(wx|runtime)|[a-z])' },
      to: { path: '^cloudfunctions/_platform/local/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
