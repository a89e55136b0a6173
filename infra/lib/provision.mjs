// @ts-check
/**
 * Puts the servers and tools the stack needs into the state directory. Every step is
 * idempotent and checks a marker first, so a provisioned machine passes through in
 * milliseconds; what is missing is fetched or built, with progress shown.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { step } from './log.mjs';
import { findOnPath, run } from './run.mjs';
import { postgresBinaries, postgresOsUser } from './postgres.mjs';
import { REPO_ROOT, VERSIONS, stateRoot, toolPaths } from './settings.mjs';
import { ensureKeyPair } from './tokens.mjs';

const KAFKA_POM = path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');
const TEST_SERVER_POM = path.join(REPO_ROOT, 'infra', 'temporal', 'test-server-pom.xml');
const MARKER = '.provisioned';

/**
 * @typedef {ReturnType<typeof toolPaths> & {
 *   kcat?: string,
 *   postgres: Awaited<ReturnType<typeof postgresBinaries>>,
 * }} Tools
 */

/**
 * @param {string} [root] the state root
 * @param {{ forTests?: boolean }} [options] tests also need kcat, Chromium and the time-skipping test server
 * @returns {Promise<Tools>}
 */
export async function provision(root = stateRoot(), { forTests = false } = {}) {
  const tools = toolPaths(root);
  await step(`Kafka ${VERSIONS.kafka} jars`, (note) => mavenCopy(KAFKA_POM, tools.kafkaLibs, note));
  await step(`Temporal CLI ${VERSIONS.temporalCli}`, (note) => ensureTemporalCli(tools, note));
  if (forTests) {
    await step(`Temporal test server ${VERSIONS.temporalTestServer}`, (note) => ensureTestServer(tools, note));
  }
  const postgres = await step('PostgreSQL 17 binaries', (note) => ensurePostgres(note));
  const kcat = forTests ? await step('kcat', (note) => ensureKcat(note)) : undefined;
  if (forTests) await step('Chromium (end-to-end tests)', (note) => ensureChromium(note));
  await step('development JWT key pair', (note) => {
    const keys = ensureKeyPair(tools.devKeys);
    note(keys.created ? `created in ${tools.devKeys}` : 'present');
  });
  return { ...tools, kcat, postgres };
}

/**
 * Copies the runtime dependencies of a pom into `dest`. Works in a sibling directory and
 * renames at the end, so an interrupted download never leaves a half classpath behind.
 * @param {string} pom
 * @param {string} dest
 * @param {(text: string) => void} note
 */
async function mavenCopy(pom, dest, note) {
  const fingerprint = createHash('sha256')
    .update(await fs.readFile(pom))
    .update(VERSIONS.mavenDependencyPlugin)
    .digest('hex');
  if ((await readOrUndefined(path.join(dest, MARKER))) === fingerprint) return note('cached');

  requireTool('java', 'a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)');
  requireTool('mvn', 'Maven (Debian: apt-get install maven)');
  const partial = `${dest}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await run(
    'mvn',
    [
      '-B',
      '-f',
      pom,
      `org.apache.maven.plugins:maven-dependency-plugin:${VERSIONS.mavenDependencyPlugin}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${partial}`,
    ],
    { progress: `mvn copy-dependencies (${path.basename(path.dirname(pom))})` },
  );
  const jars = (await fs.readdir(partial)).filter((file) => file.endsWith('.jar'));
  if (jars.length === 0) throw new Error(`Maven copied no jars from ${pom}`);
  await fs.writeFile(path.join(partial, MARKER), fingerprint);
  await fs.rm(dest, { recursive: true, force: true });
  await fs.rename(partial, dest);
  note(`${jars.length} jars, ${await megabytes(dest)} MB`);
}

/**
 * `go install` builds the CLI with its embedded dev server. It runs only when the binary is
 * missing or was built from another version (a go-installed binary reports 0.0.0-DEV).
 * @param {ReturnType<typeof toolPaths>} tools
 * @param {(text: string) => void} note
 */
async function ensureTemporalCli(tools, note) {
  const built = await readOrUndefined(tools.temporalVersionMarker);
  if (existsSync(tools.temporal) && built === VERSIONS.temporalCli) return note('cached');

  requireTool('go', 'Go ≥ 1.23 (https://go.dev/dl or the Go module proxy toolchain)');
  await fs.mkdir(tools.binDir, { recursive: true });
  await run('go', ['install', '-v', `github.com/temporalio/cli/cmd/temporal@${VERSIONS.temporalCli}`], {
    env: { ...process.env, GOBIN: tools.binDir, CGO_ENABLED: '0' },
    progress: 'go install temporal (about 3 min on a cold Go cache)',
  });
  await fs.writeFile(tools.temporalVersionMarker, VERSIONS.temporalCli);
  note(`built into ${tools.binDir}`);
}

/**
 * @param {ReturnType<typeof toolPaths>} tools
 * @param {(text: string) => void} note
 */
async function ensureTestServer(tools, note) {
  /** @type {string | undefined} */
  let copied;
  await mavenCopy(TEST_SERVER_POM, tools.testServerLibs, (text) => {
    copied = text;
  });
  const classpath = path.join(tools.testServerLibs, '*').replace(/'/g, `'\\''`);
  const wrapper = [
    '#!/bin/sh',
    '# Temporal time-skipping test server, provisioned by infra/lib/provision.mjs.',
    `exec java -cp '${classpath}' io.temporal.testserver.TestServer "$@"`,
    '',
  ].join('\n');
  if ((await readOrUndefined(tools.testServerWrapper, false)) !== wrapper) {
    await fs.mkdir(tools.binDir, { recursive: true });
    await fs.writeFile(tools.testServerWrapper, wrapper, { mode: 0o755 });
  }
  note(copied ?? 'cached');
}

/** @param {(text: string) => void} note */
async function ensurePostgres(note) {
  const binaries = await postgresBinaries({ repair: true });
  const user = process.getuid?.() === 0 ? await postgresOsUser({ create: true }) : undefined;
  note(`${binaries.version}${binaries.repairedLinks ? `, restored ${binaries.repairedLinks} library links` : ''}${user ? `, runs as ${user.name}` : ''}`);
  return binaries;
}

/**
 * kcat is the independent Kafka client the tests check topics, keys and headers with.
 * @param {(text: string) => void} note
 */
function ensureKcat(note) {
  return ensureDebianTool('kcat', 'kcat', note);
}

/**
 * Debian's Chromium: the browser the dashboard's end-to-end tests drive (playwright-core brings
 * no browser, and no other browser build can be fetched here).
 * @param {(text: string) => void} note
 */
function ensureChromium(note) {
  return ensureDebianTool('chromium', 'chromium', note);
}

/**
 * A tool from Debian's packages: found on PATH, or installed with apt-get when running as root.
 * @param {string} command
 * @param {string} pkg
 * @param {(text: string) => void} note
 */
async function ensureDebianTool(command, pkg, note) {
  const present = findOnPath(command);
  if (present) {
    note(present);
    return present;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`${command} is not installed and this is not root: install it with \`sudo apt-get install -y ${pkg}\``);
  }
  requireTool('apt-get', `apt (${command} is installed from Debian)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run (unattended upgrades, a parallel install) holds the lock: wait for it.
  const apt = ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Acquire::Retries=3'];
  const install = () => run('apt-get', [...apt, 'install', '-y', '--no-install-recommends', pkg], { env, progress: `apt-get install ${pkg}` });
  try {
    await install();
  } catch {
    // Usually stale package lists.
    await run('apt-get', [...apt, 'update'], { env, progress: 'apt-get update' });
    await install();
  }
  const installed = findOnPath(command);
  if (!installed) throw new Error(`apt-get installed ${pkg}, but no ${command} executable is on PATH`);
  note(`installed ${installed}`);
  return installed;
}

/**
 * @param {string} name
 * @param {string} what to install when it is missing
 */
function requireTool(name, what) {
  if (!findOnPath(name)) throw new Error(`${name} is not on PATH; install ${what}`);
}

/**
 * @param {string} file
 * @param {boolean} [trim]
 */
async function readOrUndefined(file, trim = true) {
  try {
    const text = await fs.readFile(file, 'utf8');
    return trim ? text.trim() : text;
  } catch {
    return undefined;
  }
}

/** @param {string} dir */
async function megabytes(dir) {
  let bytes = 0;
  for (const file of await fs.readdir(dir)) bytes += (await fs.stat(path.join(dir, file))).size;
  return Math.round(bytes / 1e6);
}
