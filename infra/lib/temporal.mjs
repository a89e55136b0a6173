// @ts-check
/** The Temporal dev server (SQLite, pure Go) from the CLI built by provisioning. */
import { run } from './run.mjs';
import { TEMPORAL } from './settings.mjs';

/**
 * @param {{ binary: string, port: number, uiPort?: number, dbFile: string }} options
 *   no uiPort: headless (tests)
 * @returns {import('./supervisor.mjs').ProcessSpec}
 */
export function temporalSpec({ binary, port, uiPort, dbFile }) {
  const searchAttributes = Object.entries(TEMPORAL.searchAttributes).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
  return {
    name: 'temporal',
    command: binary,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      ...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]),
      '--db-filename',
      dbFile,
      '--namespace',
      TEMPORAL.namespace,
      ...searchAttributes,
      // WAL: about 2.5x the workflow starts and signals per second of SQLite's defaults.
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      '--log-level',
      'warn',
    ],
    ready: [{ check: () => clusterServing(binary, port), description: '`temporal operator cluster health` → SERVING' }],
    readyTimeoutMs: 60_000,
  };
}

/**
 * @param {string} binary
 * @param {number} port
 */
async function clusterServing(binary, port) {
  const output = await run(binary, ['operator', 'cluster', 'health', ...client(port)], { timeoutMs: 5_000 });
  if (!output.includes('SERVING')) throw new Error(output.trim());
}

/**
 * `--search-attribute` registers attributes only when it creates the database; one added to
 * the settings later must be created on the existing database.
 * @param {string} binary
 * @param {number} port
 * @returns {Promise<string[]>} the attributes created
 */
export async function ensureSearchAttributes(binary, port) {
  const namespace = ['--namespace', TEMPORAL.namespace];
  const listed = await run(binary, ['operator', 'search-attribute', 'list', ...namespace, ...client(port), '--output', 'json']);
  const existing = new Set(searchAttributeNames(JSON.parse(listed)));
  const missing = Object.entries(TEMPORAL.searchAttributes).filter(([name]) => !existing.has(name));
  for (const [name, type] of missing) {
    await run(binary, ['operator', 'search-attribute', 'create', '--name', name, '--type', type, ...namespace, ...client(port)]);
  }
  return missing.map(([name]) => name);
}

/**
 * `search-attribute list -o json` prints the ListSearchAttributes response.
 * @param {{ customAttributes?: Record<string, unknown>, systemAttributes?: Record<string, unknown> }} response
 */
function searchAttributeNames(response) {
  return Object.keys(response.customAttributes ?? {});
}

/** @param {number} port */
function client(port) {
  return ['--address', `127.0.0.1:${port}`, '--disable-config-file', '--disable-config-env'];
}
