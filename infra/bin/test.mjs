#!/usr/bin/env node
// @ts-check
/**
 * `npm test [-- <jest arguments>]`: install, build, provision, then run jest.
 * The test infrastructure is started by jest's global setup (infra/jest), so that
 * `npx jest some.integration.spec.ts` works on its own too.
 *
 *   npm test -- --selectProjects unit
 *   npm test -- --selectProjects e2e
 *   npm test -- services/analytics
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, ensureInstalled } from '../lib/bootstrap.mjs';
import { generate } from '../lib/codegen.mjs';
import { info, printTimings, step } from '../lib/log.mjs';
import { provision } from '../lib/provision.mjs';
import { runAttached, signalActiveChildren } from '../lib/run.mjs';
import { REPO_ROOT, stateRoot } from '../lib/settings.mjs';

const jestArgs = process.argv.slice(2);
const started = performance.now();

// jest's global setup stops the servers when jest gets a signal; we pass ours on (jest
// ignores the duplicate when a terminal's Ctrl-C reached it directly) and wait for jest to
// finish cleaning up, then exit with its code.
/** @type {NodeJS.Signals | undefined} */
let interrupted;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    interrupted = signal;
    signalActiveChildren(signal);
  });
}
const notInterrupted = () => {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
};

/** @param {string} root */
function sourceRoots(root) {
  const under = (/** @type {string} */ dir) => fs.readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}/src`).filter((p) => fs.existsSync(path.join(root, p)));
  return [...under('services'), ...under('packages'), ...under('tools'), 'dashboard/src'];
}

let code = 1;
try {
  await ensureInstalled(REPO_ROOT);
  notInterrupted();
  await ensureBuilt(REPO_ROOT);
  notInterrupted();
  await step('provisioning', () => provision(stateRoot(), { forTests: true }));
  notInterrupted();
  // Type errors in tests and lint findings fail CI like a failing test does.
  await step('static checks (generated contracts, tsc, eslint, boundaries)', async () => {
    const stale = await generate(REPO_ROOT, { check: true });
    if (stale.length > 0) throw new Error(`stale generated files (run npm run generate and commit them): ${stale.join(', ')}`);
    /** @param {string} name */
    const bin = (name) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
    /** @type {[string, string[]][]} */
    const checks = [
      [bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']],
      [bin('tsc'), ['-p', 'tests']],
      [bin('tsc'), ['-p', 'infra']],
      [bin('eslint'), ['.']],
      // The architecture's boundaries (.dependency-cruiser.cjs), over every workspace's sources.
      [bin('depcruise'), ['--config', '.dependency-cruiser.cjs', ...sourceRoots(REPO_ROOT)]],
    ];
    for (const [cmd, args] of checks) {
      const exitCode = await runAttached(cmd, args, { cwd: REPO_ROOT });
      if (exitCode !== 0) throw Object.assign(new Error(`${path.basename(cmd)} ${args.join(' ')} failed`), { exitCode });
      notInterrupted();
    }
  });
  // Without arguments: unit and integration tests, then the end-to-end tier in a run of its own,
  // on a fresh test stack (its analytics sees only the demo programme it loads).
  /** @type {[string, string[]][]} */
  const runs = jestArgs.length > 0 ? [[`jest --ci ${jestArgs.join(' ')}`, jestArgs]] : [
    ['jest --ci (unit, integration)', ['--selectProjects', 'unit', 'integration']],
    ['jest --ci (e2e: whole platform, dashboard in Chromium)', ['--selectProjects', 'e2e']],
  ];
  for (const [title, args] of runs) {
    notInterrupted();
    code = await step(title, async () => {
      // Not through npx: its `sh -c` layer would not pass our signals on to jest.
      const jest = path.join(REPO_ROOT, 'node_modules', '.bin', 'jest');
      const exitCode = await runAttached(jest, ['--ci', ...args], { cwd: REPO_ROOT });
      if (exitCode !== 0) throw Object.assign(new Error(`jest exited with code ${exitCode}`), { exitCode });
      return exitCode;
    });
  }
} catch (error) {
  const exitCode = /** @type {{ exitCode?: number }} */ (error).exitCode;
  if (exitCode !== undefined) code = exitCode;
  else info(`\n✖ npm test failed before the tests ran: ${error instanceof Error ? error.message : String(error)}`);
}

info('');
printTimings(`Phases (total ${((performance.now() - started) / 1000).toFixed(1)} s, jest exit code ${code})`);
process.exit(code);
