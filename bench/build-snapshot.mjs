#!/usr/bin/env node
// @ts-check
/* global process, console */
/**
 * Builds the services of one commit into a private directory under /tmp, without touching the
 * repository's own dist/ folders (which other people's runs use, and which can lag behind the
 * sources when commits land after the last `npm run build`).
 *
 *   node bench/build-snapshot.mjs [--commit HEAD] [--dir /tmp/meic-bench-app-<sha>]
 *
 * Prints the directory; pass it to `walking-skeleton-latency.bench.mjs --app-root <dir>`.
 * node_modules are the repository's (linked, not copied); the @meic workspace links point into
 * the snapshot. Prisma clients are generated into the snapshot's src/generated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lib/bench.mjs';

const { values: flags } = parseArgs({
  options: {
    commit: { type: 'string', default: 'HEAD' },
    dir: { type: 'string' },
  },
});

const git = (/** @type {string[]} */ ...args) => execFileSync('git', ['-C', REPO_ROOT, ...args], { encoding: 'utf8' }).trim();
const sha = git('rev-parse', '--short', flags.commit);
const dir = path.resolve(flags.dir ?? path.join(os.tmpdir(), `meic-bench-app-${sha}`));
const modules = path.join(REPO_ROOT, 'node_modules');
const sh = (/** @type {string} */ cwd, /** @type {string} */ command, /** @type {string[]} */ args) => {
  console.log(`  ${path.relative(dir, cwd) || '.'}: ${path.basename(command)} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' } });
};

console.log(`snapshot of ${sha} in ${dir}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
execFileSync('sh', ['-c', `git -C "${REPO_ROOT}" archive "${sha}" | tar -x -C "${dir}"`], { stdio: 'inherit' });

// node_modules: every entry links to the repository's, except the workspace links (@meic/*),
// which are relative and so point into the snapshot once copied as links.
fs.mkdirSync(path.join(dir, 'node_modules'));
for (const entry of fs.readdirSync(modules)) {
  if (entry === '@meic') {
    fs.mkdirSync(path.join(dir, 'node_modules', '@meic'));
    for (const link of fs.readdirSync(path.join(modules, '@meic'))) {
      fs.symlinkSync(fs.readlinkSync(path.join(modules, '@meic', link)), path.join(dir, 'node_modules', '@meic', link));
    }
  } else {
    fs.symlinkSync(path.join(modules, entry), path.join(dir, 'node_modules', entry));
  }
}
// Workspaces with node_modules of their own (packages needing another version of a dependency).
for (const workspace of ['packages/config', 'packages/contracts', 'packages/service-kit', 'packages/testing', 'services/stakeholders', 'services/beneficiaries', 'services/analytics', 'services/trainings']) {
  const own = path.join(REPO_ROOT, workspace, 'node_modules');
  if (fs.existsSync(own) && fs.existsSync(path.join(dir, workspace))) fs.symlinkSync(own, path.join(dir, workspace, 'node_modules'));
}

const tsc = path.join(modules, 'typescript', 'bin', 'tsc');
const prisma = path.join(modules, 'prisma', 'build', 'index.js');
for (const service of ['stakeholders', 'beneficiaries']) sh(path.join(dir, 'services', service), process.execPath, [prisma, 'generate']);
for (const workspace of ['packages/config', 'packages/contracts', 'packages/service-kit', 'services/stakeholders', 'services/beneficiaries', 'services/analytics']) {
  sh(path.join(dir, workspace), process.execPath, [tsc, '-p', 'tsconfig.build.json']);
}
fs.writeFileSync(path.join(dir, '.snapshot-commit'), `${git('rev-parse', sha)}\n`);
console.log(`\nbuilt: ${dir}`);
