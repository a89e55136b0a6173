// @ts-check
/**
 * The infrastructure of one jest run: a fresh Kafka, Temporal and PostgreSQL on the test
 * ports in <state>/test-stack/, wiped at every run. Test files find it through MEIC_TEST_*
 * variables. A component that cannot start fails the run, naming the component and its log.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatDuration, info } from '../lib/log.mjs';
import { provision } from '../lib/provision.mjs';
import { JWT, TEST_STACK_DIR, stateRoot, testPorts } from '../lib/settings.mjs';
import { startInfra } from '../lib/stack.mjs';
import { createSupervisor } from '../lib/supervisor.mjs';
import { ensureKeyPair } from '../lib/tokens.mjs';

/**
 * @returns {Promise<{ env: Record<string, string>, stop: () => Promise<void> }>}
 */
export async function startTestStack() {
  const started = performance.now();
  const root = stateRoot();
  const stackDir = path.join(root, TEST_STACK_DIR);
  const ports = testPorts();
  info('');
  // Quick when provisioned already (npm test did it); needed when jest is run on its own.
  const tools = await provision(root, { forTests: true });
  const supervisor = await createSupervisor({ stackDir, wipe: true });
  const removeSignalHandlers = stopOnSignal(() => supervisor.stopAll());

  const infra = await startInfra({ stateDir: stackDir, ports, fresh: true, supervisor }).catch(async (error) => {
    await supervisor.stopAll();
    removeSignalHandlers();
    throw error;
  });
  const keys = ensureKeyPair(path.join(stackDir, 'jwt'));
  info(`test infrastructure ready in ${formatDuration(performance.now() - started)} (logs: ${supervisor.logDir})`);

  return {
    env: {
      MEIC_TEST_STATE_DIR: stackDir,
      MEIC_TEST_KAFKA_BROKERS: infra.env.KAFKA_BROKERS,
      MEIC_TEST_TEMPORAL_ADDRESS: infra.env.TEMPORAL_ADDRESS,
      MEIC_TEST_TEMPORAL_NAMESPACE: infra.env.TEMPORAL_NAMESPACE,
      MEIC_TEST_PG_ADMIN_URL: infra.env.PG_ADMIN_URL,
      MEIC_TEST_JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      MEIC_TEST_JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      MEIC_TEST_JWT_ISSUER: JWT.issuer,
      MEIC_TEST_JWT_AUDIENCE: JWT.audience,
      MEIC_TEST_KCAT: /** @type {string} */ (tools.kcat),
      MEIC_TEST_TEMPORAL_CLI: tools.temporal,
      MEIC_TEST_TEMPORAL_TEST_SERVER: tools.testServerWrapper,
    },
    async stop() {
      const stopping = performance.now();
      await supervisor.stopAll();
      removeSignalHandlers();
      info(`test infrastructure stopped in ${formatDuration(performance.now() - stopping)}`);
    },
  };
}

/**
 * Jest has no hook for Ctrl-C: without this, an interrupted run would leave the servers
 * running until the next run cleans them up.
 * @param {() => Promise<void>} stop
 * @returns {() => void} removes the handlers
 */
function stopOnSignal(stop) {
  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const handler = (signal) => {
    if (stopping) return;
    stopping = true;
    info(`\n${signal}: stopping the test infrastructure…`);
    void stop().finally(() => process.exit(128 + os.constants.signals[signal]));
  };
  const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
