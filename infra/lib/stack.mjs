// @ts-check
/**
 * Starts the infrastructure of one stack — Kafka, Temporal, PostgreSQL — as supervised
 * processes, in parallel. Used by `npm start` (persistent, default ports) and by the jest
 * global setup (fresh, test ports).
 */
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatDuration, info } from './log.mjs';
import { kafkaSpec, prepareKafka } from './kafka.mjs';
import { ensureDatabases, initCluster, postgresBinaries, postgresIdentity, postgresSpec } from './postgres.mjs';
import { TEMPORAL, postgresUrl, stackPaths, stateRoot, toolPaths } from './settings.mjs';
import { allSettledOrThrow, createSupervisor, tcpOpen } from './supervisor.mjs';
import { ensureSearchAttributes, temporalSpec } from './temporal.mjs';

/**
 * @typedef {object} InfraOptions
 * @property {string} stateDir where this stack keeps data, logs and pid files
 * @property {import('./settings.mjs').InfraPorts} ports no temporalUi: Temporal runs headless
 * @property {boolean} [fresh] wipe this stack's data first
 * @property {boolean} [durable] fsync PostgreSQL; off for fresh (throw-away) stacks
 * @property {string} [toolsRoot] the state root holding the provisioned tools
 * @property {import('./supervisor.mjs').Supervisor} [supervisor]
 *
 * @typedef {object} Infra
 * @property {{ KAFKA_BROKERS: string, TEMPORAL_ADDRESS: string, TEMPORAL_NAMESPACE: string, PG_ADMIN_URL: string }} env
 * @property {(database: string) => string} databaseUrl a URL for the `meic` role
 * @property {import('./supervisor.mjs').Supervisor} supervisor
 * @property {Record<string, number>} readyAfterMs per component
 * @property {() => Promise<void>} stop
 */

/**
 * @param {InfraOptions} options
 * @returns {Promise<Infra>}
 */
export async function startInfra({ stateDir, ports, fresh = false, durable = !fresh, toolsRoot = stateRoot(), supervisor }) {
  const paths = stackPaths(stateDir);
  const tools = toolPaths(toolsRoot);
  assertProvisioned(tools);
  const ownSupervisor = !supervisor;
  const sup = supervisor ?? (await createSupervisor({ stackDir: stateDir }));

  try {
    if (fresh) await wipeInfraData(paths);
    await assertPortsFree(ports);
    /** @type {Record<string, number>} */
    const readyAfterMs = {};
    const timed = async (/** @type {string} */ name, /** @type {() => Promise<void>} */ start) => {
      const started = performance.now();
      await start();
      readyAfterMs[name] = performance.now() - started;
      info(`  ${name} ready (${formatDuration(readyAfterMs[name])})`);
    };
    await allSettledOrThrow([
      timed('kafka', () => startKafka(paths, tools, ports, sup)),
      timed('temporal', () => startTemporal(paths, tools, ports, sup)),
      timed('postgres', () => startPostgres(paths, ports, durable, sup)),
    ]);

    return {
      env: {
        KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
        TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
        TEMPORAL_NAMESPACE: TEMPORAL.namespace,
        PG_ADMIN_URL: postgresUrl({ port: ports.postgres, database: 'postgres' }),
      },
      databaseUrl: (database) => postgresUrl({ port: ports.postgres, database }),
      supervisor: sup,
      readyAfterMs,
      stop: () => sup.stopAll(),
    };
  } catch (error) {
    if (ownSupervisor) await sup.stopAll();
    throw error;
  }
}

/**
 * @param {ReturnType<typeof stackPaths>} paths
 * @param {ReturnType<typeof toolPaths>} tools
 * @param {import('./settings.mjs').InfraPorts} ports
 * @param {import('./supervisor.mjs').Supervisor} sup
 */
async function startKafka(paths, tools, ports, sup) {
  const configFile = paths.kafkaConfig;
  await prepareKafka({ libsDir: tools.kafkaLibs, configFile, dataDir: paths.kafkaData, port: ports.kafka, controllerPort: ports.kafkaController });
  await sup.start(kafkaSpec({ libsDir: tools.kafkaLibs, configFile, port: ports.kafka }));
}

/**
 * @param {ReturnType<typeof stackPaths>} paths
 * @param {ReturnType<typeof toolPaths>} tools
 * @param {import('./settings.mjs').InfraPorts} ports
 * @param {import('./supervisor.mjs').Supervisor} sup
 */
async function startTemporal(paths, tools, ports, sup) {
  await fs.mkdir(paths.temporalDir, { recursive: true });
  const existed = existsSync(paths.temporalDb);
  await sup.start(temporalSpec({ binary: tools.temporal, port: ports.temporal, uiPort: ports.temporalUi, dbFile: paths.temporalDb }));
  if (existed) {
    const created = await ensureSearchAttributes(tools.temporal, ports.temporal);
    if (created.length > 0) info(`  temporal: created search attributes ${created.join(', ')}`);
  }
}

/**
 * @param {ReturnType<typeof stackPaths>} paths
 * @param {import('./settings.mjs').InfraPorts} ports
 * @param {boolean} durable
 * @param {import('./supervisor.mjs').Supervisor} sup
 */
async function startPostgres(paths, ports, durable, sup) {
  const binaries = await postgresBinaries();
  const identity = await postgresIdentity();
  await initCluster({ dataDir: paths.pgData, binaries, identity, durable });
  await sup.start(postgresSpec({ dataDir: paths.pgData, port: ports.postgres, binaries, identity, durable }));
  await ensureDatabases(ports.postgres);
}

/** @param {ReturnType<typeof stackPaths>} paths */
async function wipeInfraData(paths) {
  for (const dir of [paths.kafkaData, paths.temporalDir, paths.pgData]) {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** @param {ReturnType<typeof toolPaths>} tools */
function assertProvisioned(tools) {
  const missing = [tools.kafkaLibs, tools.temporal].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`not provisioned: ${missing.join(', ')} — run npm start or npm test, which provision first`);
  }
}

/**
 * A port held by something else would make a server fail with a message buried in its log.
 * @param {import('./settings.mjs').InfraPorts} ports
 */
async function assertPortsFree(ports) {
  const entries = Object.entries(ports).filter(([, port]) => port !== undefined);
  const busy = [];
  for (const [name, port] of entries) if (await tcpOpen(/** @type {number} */ (port))) busy.push(`${port} (${name})`);
  if (busy.length > 0) {
    throw new Error(
      `port(s) ${busy.join(', ')} already in use by another program. Stop it, or choose other ports ` +
        '(MEIC_PORT_<NAME> for npm start, MEIC_TEST_PORT_<NAME> for tests, see infra/lib/settings.mjs).',
    );
  }
}
