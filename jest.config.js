// One Jest run, two tiers chosen by file suffix (see docs/adr/0002-toolchain.md):
//   *.spec.ts              unit tests, no infrastructure
//   *.integration.spec.ts  real Kafka, Temporal, PostgreSQL and chdb, started once per run by infra/jest
//   *.e2e-spec.ts          the whole platform with the demo programme, the dashboard in headless Chromium;
//                          `npm test` runs this tier in its own jest run, on a fresh test stack
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    // Generated Prisma clients import their TypeScript siblings with a .js extension.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@meic/(contracts|config|testing|service-kit)$': '<rootDir>/packages/$1/src/index.ts',
    '^@meic/onboarding$': '<rootDir>/tools/onboarding/src/index.ts',
    // End-to-end tests drive the demo generator and loader and the onboarding test harness.
    '^@meic/onboarding/(.*)$': '<rootDir>/tools/onboarding/src/$1',
    // Whole-stack tests start services in-process from their sources.
    '^@meic/(stakeholders|trainings|beneficiaries|analytics)/(.*)$': '<rootDir>/services/$1/src/$2',
    // The dashboard's sources import each other as `@/x` (dashboard/tsconfig.app.json `paths`).
    '^@/(.*)$': '<rootDir>/dashboard/src/$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.local/', '/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/.local/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,tools,dashboard,infra,tests}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.spec\\.ts$', '\\.e2e-spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,services,tools,dashboard,infra,tests}/**/*.integration.spec.ts'],
      globalSetup: '<rootDir>/infra/jest/global-setup.cjs',
      globalTeardown: '<rootDir>/infra/jest/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tests/setup-integration.cjs'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{packages,services,tools,dashboard,infra,tests}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/infra/jest/global-setup.cjs',
      globalTeardown: '<rootDir>/infra/jest/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tests/setup-integration.cjs'],
    },
  ],
};
