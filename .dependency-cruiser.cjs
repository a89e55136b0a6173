// @ts-check
/**
 * The architecture's boundaries, checked by `npm test` (and `npm run lint:boundaries`) over
 * the sources of every service and package and of the dashboard.
 * ARCHITECTURE.md says why each holds.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const TESTS = '(\\.spec\\.ts|\\.integration\\.spec\\.ts|\\.e2e-spec\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'services-never-import-each-other',
      comment: 'Services share events and REST contracts, never code: a shared piece belongs in a package.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'workflow-sandbox',
      comment:
        'Workflow code runs in the Temporal sandbox and is replayed: it imports @temporalio/workflow, types, and its own pure rules ' +
        '(*.rules.ts, *.types.ts, *.task-id.ts) only. Activities are imported by type.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/(.+\\.workflow\\.ts|workflows\\.ts)$' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: ['^node_modules/@temporalio/workflow/', '\\.rules\\.ts$', '\\.types\\.ts$', '\\.task-id\\.ts$', '\\.workflow\\.ts$'],
      },
    },
    {
      name: 'dashboard-own-code-and-generated-clients',
      comment: 'The dashboard knows the services through the generated clients (packages/api-clients) only.',
      severity: 'error',
      from: { path: '^dashboard/src/' },
      to: { path: '^(packages|services|infra|tests|bench)/', pathNot: '^packages/api-clients/' },
    },
    {
      name: 'dashboard-no-cycles',
      comment: 'Routes name the views, the views never name the routes: the dashboard\'s modules form no cycle.',
      severity: 'error',
      from: { path: '^dashboard/src/' },
      to: { circular: true },
    },
    {
      name: 'packages-never-import-services',
      comment: 'Libraries sit below the services; only their tests may start one.',
      severity: 'error',
      from: { path: '^packages/', pathNot: [TESTS] },
      to: { path: '^services/' },
    },
    {
      name: 'packages-are-libraries',
      comment: 'packages/ holds libraries: none imports an application (tools/, dashboard/).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(tools|dashboard)/' },
    },
    {
      name: 'tools-use-the-public-apis',
      comment: 'The command-line tools write through the services\' REST APIs; only their tests and test harnesses start a service in-process.',
      severity: 'error',
      from: { path: '^tools/', pathNot: [TESTS, '/testing/'] },
      to: { path: '^services/' },
    },
  ],
  options: {
    // Built output is where a workspace package resolves to: a leaf, never cruised itself.
    doNotFollow: { path: ['node_modules', '(^|/)dist/'] },
    exclude: { path: '(^|/)generated/' },
    tsPreCompilationDeps: true,
    // The base compiler options, and the dashboard's `@/x` imports (dashboard/tsconfig.app.json).
    tsConfig: { fileName: 'tsconfig.boundaries.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['types', 'main'] },
    combinedDependencies: true,
  },
};
