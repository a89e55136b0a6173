// @ts-check
/**
 * The one place for local defaults: versions, paths, ports, names, credentials and the
 * environment of every process. docker-compose.yml and the docs should agree with this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const VERSIONS = Object.freeze({
  kafka: '4.3.1',
  // The newest CLI tag whose go.mod has no `replace` directive, i.e. that `go install` accepts.
  temporalCli: 'v1.5.1',
  temporalTestServer: '1.31.0',
  mavenDependencyPlugin: '3.8.1',
});

/** @param {NodeJS.ProcessEnv} [env] */
export function stateRoot(env = process.env) {
  return path.resolve(env.MEIC_STATE_DIR || path.join(REPO_ROOT, '.local'));
}

/**
 * Provisioned tools under the state root. `npm run reset` keeps them (see KEEP_ON_RESET):
 * rebuilding the Temporal CLI costs minutes.
 * @param {string} root
 */
export function toolPaths(root) {
  return {
    binDir: path.join(root, 'bin'),
    temporal: path.join(root, 'bin', 'temporal'),
    temporalVersionMarker: path.join(root, 'bin', '.temporal-version'),
    testServerWrapper: path.join(root, 'bin', 'temporal-test-server'),
    kafkaLibs: path.join(root, 'kafka', 'libs'),
    testServerLibs: path.join(root, 'temporal-test-server', 'libs'),
    devKeys: path.join(root, 'dev-keys'),
  };
}

/** Relative to the state root. */
export const KEEP_ON_RESET = ['bin', 'kafka/libs', 'temporal-test-server'];

/** The test stack lives inside the state root and is wiped on every jest run. */
export const TEST_STACK_DIR = 'test-stack';

/**
 * Paths of one running stack: the development stack uses the state root itself, the test
 * stack `<root>/test-stack`.
 * @param {string} stackDir
 */
export function stackPaths(stackDir) {
  return {
    stackDir,
    logs: path.join(stackDir, 'logs'),
    run: path.join(stackDir, 'run'),
    kafkaData: path.join(stackDir, 'kafka', 'data'),
    kafkaConfig: path.join(stackDir, 'kafka', 'server.properties'),
    temporalDir: path.join(stackDir, 'temporal'),
    temporalDb: path.join(stackDir, 'temporal', 'temporal.db'),
    pgData: path.join(stackDir, 'postgres'),
    chdb: path.join(stackDir, 'data', 'chdb'),
    devTokens: path.join(stackDir, 'dev-tokens.json'),
    /** @param {string} service */
    serviceToken: (service) => path.join(stackDir, 'service-tokens', `${service}.jwt`),
  };
}

const DEV_PORTS = Object.freeze({
  kafka: 9092,
  kafkaController: 9093,
  temporal: 7233,
  temporalUi: 8233,
  postgres: 5432,
  stakeholders: 3001,
  trainings: 3002,
  beneficiaries: 3003,
  analytics: 3004,
  pathwayWorker: 3005,
  dashboard: 5173,
});

// Distinct from the development ports so `npm test` works while `npm start` is running.
// No Temporal UI port: the test server runs headless.
const TEST_PORTS = Object.freeze({
  kafka: 19092,
  kafkaController: 19093,
  temporal: 17233,
  postgres: 15432,
});

/**
 * @typedef {{ kafka: number, kafkaController: number, temporal: number, temporalUi?: number, postgres: number }} InfraPorts
 * @typedef {InfraPorts & typeof DEV_PORTS} DevPorts
 */

/**
 * Development ports; each can be overridden, e.g. MEIC_PORT_KAFKA=29092, MEIC_PORT_PATHWAY_WORKER=3105.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {DevPorts}
 */
export function devPorts(env = process.env) {
  return withOverrides(DEV_PORTS, 'MEIC_PORT_', env);
}

/**
 * Test ports; overridable as MEIC_TEST_PORT_KAFKA etc.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {InfraPorts}
 */
export function testPorts(env = process.env) {
  return withOverrides(TEST_PORTS, 'MEIC_TEST_PORT_', env);
}

/**
 * @template {Record<string, number>} T
 * @param {T} defaults
 * @param {string} prefix
 * @param {NodeJS.ProcessEnv} env
 * @returns {T}
 */
function withOverrides(defaults, prefix, env) {
  /** @type {Record<string, number>} */
  const ports = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const name = prefix + key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
    const value = env[name];
    if (value === undefined || value === '') continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${name}=${value} is not a TCP port`);
    }
    ports[key] = port;
  }
  return /** @type {T} */ (ports);
}

export const TEMPORAL = Object.freeze({
  namespace: 'meic',
  taskQueue: 'pathways',
  searchAttributes: Object.freeze({ SiteCode: 'Keyword', PathwayStage: 'Keyword' }),
});

export const POSTGRES = Object.freeze({
  // PostgreSQL refuses to run as root; when we are root it runs as this system user.
  osUser: 'meic-postgres',
  superuser: 'postgres',
  superuserPassword: 'postgres',
  user: 'meic',
  password: 'meic',
  databases: Object.freeze({
    stakeholders: 'meic_stakeholders',
    trainings: 'meic_trainings',
    beneficiaries: 'meic_beneficiaries',
  }),
});

/**
 * @param {{ port: number, database: string, user?: string, password?: string }} options
 */
export function postgresUrl({ port, database, user = POSTGRES.user, password = POSTGRES.password }) {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export const JWT = Object.freeze({
  issuer: 'meic-dev',
  audience: 'meic',
  algorithm: 'EdDSA',
  roles: Object.freeze(['admin', 'consortium_lead', 'evaluator', 'site_staff']),
  devSites: Object.freeze(['IT-RM', 'CY-NIC', 'GR-ATH']),
  defaultTtl: '12h',
  // Tokens printed at start-up and handed to the dashboard's sign-in page outlive a working day.
  devTokenTtl: '7d',
  // A service calling another on its own behalf (GET /v1/beneficiaries/{id}/reference); never a person.
  serviceRole: 'service',
  serviceTokenTtl: '30d',
});

/**
 * The processes `npm start` runs, in start order. `after` names processes that must be ready
 * first; `port` names an entry of DevPorts.
 * @typedef {object} AppProcess
 * @property {string} name
 * @property {string} title shown in the start-up summary
 * @property {string} workspace its npm workspace, the process's working directory
 * @property {string} entry relative to the repository root
 * @property {keyof typeof DEV_PORTS} port
 * @property {'PORT' | 'HEALTH_PORT'} portVariable
 * @property {string} readyPath
 * @property {string} [database]
 * @property {boolean} [chdb]
 * @property {boolean} [openApi]
 * @property {string[]} [after]
 * @property {boolean} [beneficiaryPeer] asks the beneficiaries service for person references with a service token
 * @property {boolean} [erasurePeers] asks trainings and stakeholders to erase people with a service token
 */

/** @type {readonly AppProcess[]} */
export const APP_PROCESSES = Object.freeze([
  {
    name: 'stakeholders',
    workspace: 'services/stakeholders',
    title: 'stakeholders service',
    entry: 'services/stakeholders/dist/main.js',
    port: 'stakeholders',
    portVariable: 'PORT',
    readyPath: '/readyz',
    database: POSTGRES.databases.stakeholders,
    openApi: true,
    beneficiaryPeer: true,
  },
  {
    name: 'trainings',
    workspace: 'services/trainings',
    title: 'trainings service',
    entry: 'services/trainings/dist/main.js',
    port: 'trainings',
    portVariable: 'PORT',
    readyPath: '/readyz',
    database: POSTGRES.databases.trainings,
    openApi: true,
    beneficiaryPeer: true,
  },
  {
    name: 'beneficiaries',
    workspace: 'services/beneficiaries',
    title: 'beneficiaries service',
    entry: 'services/beneficiaries/dist/main.js',
    port: 'beneficiaries',
    portVariable: 'PORT',
    readyPath: '/readyz',
    database: POSTGRES.databases.beneficiaries,
    openApi: true,
  },
  {
    // Shares the beneficiaries database, whose migrations the service applies: start it after.
    name: 'pathway-worker',
    workspace: 'services/beneficiaries',
    title: 'pathway worker',
    entry: 'services/beneficiaries/dist/pathway-worker.js',
    port: 'pathwayWorker',
    portVariable: 'HEALTH_PORT',
    readyPath: '/readyz',
    database: POSTGRES.databases.beneficiaries,
    after: ['beneficiaries'],
    erasurePeers: true,
  },
  {
    name: 'analytics',
    workspace: 'services/analytics',
    title: 'analytics service',
    entry: 'services/analytics/dist/main.js',
    port: 'analytics',
    portVariable: 'PORT',
    readyPath: '/readyz',
    chdb: true,
    openApi: true,
  },
  {
    name: 'dashboard',
    workspace: 'dashboard',
    title: 'dashboard',
    entry: 'dashboard/server.mjs',
    port: 'dashboard',
    portVariable: 'PORT',
    readyPath: '/healthz',
    after: ['analytics'],
  },
]);

/** Variables this file decides; inherited values of these never leak into a process that does not use them. */
const MANAGED_VARIABLES = [
  'PORT',
  'HEALTH_PORT',
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'CHDB_PATH',
  'MEIC_JWT_PUBLIC_KEY_FILE',
  'MEIC_JWT_ISSUER',
  'MEIC_JWT_AUDIENCE',
  'ANALYTICS_URL',
  'MEIC_DEV_TOKENS_FILE',
  'BENEFICIARIES_URL',
  'MEIC_SERVICE_TOKEN',
  'MEIC_SERVICE_TOKEN_FILE',
  'TRAININGS_URL',
  'STAKEHOLDERS_URL',
];

/**
 * @typedef {object} EnvContext
 * @property {DevPorts} ports
 * @property {string} stackDir
 * @property {{ KAFKA_BROKERS: string, TEMPORAL_ADDRESS: string, TEMPORAL_NAMESPACE: string }} infraEnv
 * @property {(database: string) => string} databaseUrl
 * @property {string} jwtPublicKeyFile
 * @property {NodeJS.ProcessEnv} [parentEnv]
 */

/**
 * The environment of one application process. Tunables a developer may set in the shell
 * (LOG_LEVEL, MEIC_MIN_CELL, CLICKHOUSE_URL) pass through; wiring (ports, URLs) is ours.
 * @param {AppProcess} proc
 * @param {EnvContext} context
 * @returns {NodeJS.ProcessEnv}
 */
export function processEnv(proc, { ports, stackDir, infraEnv, databaseUrl, jwtPublicKeyFile, parentEnv = process.env }) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...parentEnv };
  for (const name of MANAGED_VARIABLES) delete env[name];

  Object.assign(env, {
    [proc.portVariable]: String(ports[proc.port]),
    KAFKA_BROKERS: infraEnv.KAFKA_BROKERS,
    TEMPORAL_ADDRESS: infraEnv.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: infraEnv.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: TEMPORAL.taskQueue,
    MEIC_JWT_PUBLIC_KEY_FILE: jwtPublicKeyFile,
    MEIC_JWT_ISSUER: JWT.issuer,
    MEIC_JWT_AUDIENCE: JWT.audience,
    MEIC_MIN_CELL: parentEnv.MEIC_MIN_CELL || '5',
    LOG_LEVEL: parentEnv.LOG_LEVEL || 'info',
  });
  if (proc.database) env.DATABASE_URL = databaseUrl(proc.database);
  // Without CLICKHOUSE_URL the analytics service uses embedded chdb in this directory.
  if (proc.chdb) env.CHDB_PATH = stackPaths(stackDir).chdb;
  if (proc.beneficiaryPeer) env.BENEFICIARIES_URL = `http://127.0.0.1:${ports.beneficiaries}`;
  if (proc.erasurePeers) {
    env.TRAININGS_URL = `http://127.0.0.1:${ports.trainings}`;
    env.STAKEHOLDERS_URL = `http://127.0.0.1:${ports.stakeholders}`;
  }
  if (proc.beneficiaryPeer || proc.erasurePeers) env.MEIC_SERVICE_TOKEN_FILE = stackPaths(stackDir).serviceToken(proc.name);
  if (proc.name === 'dashboard') {
    env.ANALYTICS_URL = `http://127.0.0.1:${ports.analytics}`;
    env.MEIC_DEV_TOKENS_FILE = stackPaths(stackDir).devTokens;
  }
  return env;
}
