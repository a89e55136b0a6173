#!/usr/bin/env node
// @ts-check
/**
 * `npm run reset [-- --all]`: wipes the local state (data, logs, keys, tokens) but keeps the
 * provisioned Kafka jars, Temporal CLI and test-server jars, so the next start does not
 * rebuild for minutes. `--all` wipes those too. Refuses while a stack is running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { info } from '../lib/log.mjs';
import { KEEP_ON_RESET, TEST_STACK_DIR, stateRoot } from '../lib/settings.mjs';
import { liveProcesses, liveSupervisor } from '../lib/supervisor.mjs';

const { values: options } = parseArgs({ options: { all: { type: 'boolean', default: false } } });
const root = stateRoot();

if (!fs.existsSync(root)) {
  info(`nothing to reset: ${root} does not exist`);
  process.exit(0);
}

const running = runningStacks(root);
if (running.length > 0) {
  info(`✖ refusing to reset while a stack is running:\n${running.map((line) => `  ${line}`).join('\n')}`);
  info('  Stop it first: Ctrl-C in the terminal of npm start (a test run stops by itself).');
  info('  Processes without a supervisor were left by a killed run; the next npm start stops them.');
  process.exit(1);
}

if (options.all) {
  fs.rmSync(root, { recursive: true, force: true });
  info(`✔ removed ${root}`);
} else {
  const removed = wipeExcept(root, KEEP_ON_RESET);
  info(`✔ reset ${root}: removed ${removed.length ? removed.join(', ') : 'nothing'}; kept ${KEEP_ON_RESET.join(', ')} (--all removes everything)`);
}

/**
 * @param {string} root
 * @returns {string[]} one line per live process
 */
function runningStacks(root) {
  return [root, path.join(root, TEST_STACK_DIR)].flatMap((stackDir) => {
    const runDir = path.join(stackDir, 'run');
    const owner = liveSupervisor(runDir);
    const processes = liveProcesses(runDir).map(({ name, pid }) => `${name} (pid ${pid}) from ${stackDir}`);
    return owner ? [`supervisor (pid ${owner}) of ${stackDir}`, ...processes] : processes;
  });
}

/**
 * Removes everything under `dir` except the kept paths (relative, may be nested: kafka/libs).
 * @param {string} dir
 * @param {readonly string[]} keep
 * @param {string} [prefix]
 * @returns {string[]} what was removed, relative to the root
 */
function wipeExcept(dir, keep, prefix = '') {
  /** @type {string[]} */
  const removed = [];
  for (const name of fs.readdirSync(dir)) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (keep.includes(relative)) continue;
    const full = path.join(dir, name);
    if (keep.some((kept) => kept.startsWith(`${relative}/`))) {
      removed.push(...wipeExcept(full, keep, relative));
    } else {
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(relative);
    }
  }
  return removed;
}
