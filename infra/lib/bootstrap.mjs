// @ts-check
/**
 * First steps of `npm start` / `npm test` on a fresh clone: install dependencies, build.
 * Only Node built-ins here — node_modules may not exist yet.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { step } from './log.mjs';
import { run } from './run.mjs';

const HASH_FILE = '.meic-install-hash';

/**
 * Runs `npm install` when node_modules is missing or package-lock.json changed since the last install.
 * @param {string} root repository root
 */
export async function ensureInstalled(root) {
  await step('npm dependencies', async (note) => {
    const lockHash = await fileHash(path.join(root, 'package-lock.json'));
    const hashFile = path.join(root, 'node_modules', HASH_FILE);
    const installed = await readOrUndefined(hashFile);

    if (installed === lockHash) return note('up to date');
    if (installed === undefined && (await installedAfterLockChanged(root))) {
      // node_modules came from a plain `npm install` made after the last lock change.
      await fs.writeFile(hashFile, `${lockHash}\n`);
      return note('up to date');
    }
    // `npm install`, not `npm ci`: the registry reachable here does not serve every platform
    // package of some optional-dependency sets (e.g. @swc/core's darwin builds), so the lock
    // cannot list them and `npm ci` rejects it as out of sync. `npm install` still installs
    // the locked versions. npm prints its own progress and errors; we add only the timing.
    await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, inherit: true });
    await fs.writeFile(hashFile, `${await fileHash(path.join(root, 'package-lock.json'))}\n`);
  });
}

/**
 * Builds every workspace; turbo replays cached outputs, so an unchanged tree takes seconds.
 * @param {string} root repository root
 * @param {string[]} [filters] turbo --filter arguments (default: every workspace)
 */
export async function ensureBuilt(root, filters = []) {
  await step('build (turbo)', async () => {
    // `npx turbo`, minus the npm and `sh -c` layers that would not pass a SIGTERM on.
    const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
    await run(turbo, ['run', 'build', '--output-logs=errors-only', ...filters.map((f) => `--filter=${f}`)], {
      cwd: root,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
      inherit: true,
    });
  });
}

/**
 * npm rewrites node_modules/.package-lock.json on every install, so its being newer than
 * package-lock.json means the tree reflects the current lock.
 * @param {string} root
 */
async function installedAfterLockChanged(root) {
  try {
    const [lock, installed] = await Promise.all([
      fs.stat(path.join(root, 'package-lock.json')),
      fs.stat(path.join(root, 'node_modules', '.package-lock.json')),
    ]);
    return installed.mtimeMs >= lock.mtimeMs;
  } catch {
    return false;
  }
}

/** @param {string} file */
async function fileHash(file) {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

/** @param {string} file */
async function readOrUndefined(file) {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
