// The one place the test helpers read their environment: what infra/jest/global-setup exported.

/** Servers started by infra/jest/global-setup for this test run. Missing means "not started": fail loudly. */
export interface TestStack {
  kafkaBrokers: string;
  temporalAddress: string;
  temporalNamespace: string;
  pgAdminUrl: string;
  jwtPrivateKeyFile: string;
  jwtPublicKeyFile: string;
  stateDir: string;
  kcat: string;
  temporalCli: string;
  temporalTestServer: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests need the stack from infra/jest/global-setup.cjs (run them with \`npm test\` or \`npx jest --selectProjects integration\`)`);
  return value;
}

export function testStack(): TestStack {
  return {
    kafkaBrokers: required('MEIC_TEST_KAFKA_BROKERS'),
    temporalAddress: required('MEIC_TEST_TEMPORAL_ADDRESS'),
    temporalNamespace: required('MEIC_TEST_TEMPORAL_NAMESPACE'),
    pgAdminUrl: required('MEIC_TEST_PG_ADMIN_URL'),
    jwtPrivateKeyFile: required('MEIC_TEST_JWT_PRIVATE_KEY_FILE'),
    jwtPublicKeyFile: required('MEIC_TEST_JWT_PUBLIC_KEY_FILE'),
    stateDir: required('MEIC_TEST_STATE_DIR'),
    kcat: required('MEIC_TEST_KCAT'),
    temporalCli: required('MEIC_TEST_TEMPORAL_CLI'),
    temporalTestServer: required('MEIC_TEST_TEMPORAL_TEST_SERVER'),
  };
}
