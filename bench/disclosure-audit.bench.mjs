// @ts-check
/* global process, console */
/**
 * The disclosure audit of issue 15 on the demo programme, as figures in bench/results/: the jest
 * test tests/disclosure.integration.spec.ts (which `npm test` runs and whose thresholds it
 * asserts) with its figures written here instead of test-artifacts/, plus what it ran on.
 *
 *   node bench/disclosure-audit.bench.mjs                  # → bench/results/disclosure-audit.json
 *   node bench/disclosure-audit.bench.mjs --out <file>
 *
 * Starts the test stack itself (jest's global setup); takes about three minutes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machine, REPO_ROOT, RESULTS_DIR, writeResults } from './lib/bench.mjs';

const { values: flags } = parseArgs({ options: { out: { type: 'string', default: path.join(RESULTS_DIR, 'disclosure-audit.json') } } });
const figures = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meic-audit-')), 'figures.json');
const started = Date.now();
const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'tests/disclosure.integration.spec.ts', '--selectProjects', 'integration'], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, MEIC_DISCLOSURE_AUDIT_OUT: figures },
});
if (!fs.existsSync(figures)) {
  console.error(`the audit wrote no figures (jest exit ${run.status})`);
  process.exit(1);
}
writeResults(flags.out ?? '', {
  date: new Date().toISOString(),
  machine: machine(),
  parameters: {
    programme: 'demo programme, seed 2026, reference date 2026-11-24 (tests/disclosure/demo-world.ts), loaded as events into a fresh analytics service',
    reader: 'consortium_lead; disclosure parameters as deployed by default (MEIC_MIN_CELL 5, MEIC_CKM_MAX_PERTURBATION 4, MEIC_CKM_VARIANCE 1.5, MEIC_RELEASE_BLOCK 10, MEIC_KM_MIN_AT_RISK 10)',
    differencing: 'every single-day shift of to, from and asOf from 2025-12-01 to 2026-11-30; accuracy of guessing each person enrolled that year, against their site’s commonest category (must stay within 5 points)',
    identities: 'counts narrowed to what the perturbation table can publish as them, tightened over every identity until nothing moves; pinnedSmall must be 0',
    utility: 'every count of the overview, funnel, breakdowns, trends and numbers at risk against the exact count at the same evaluation date',
    testPassed: run.status === 0,
    seconds: Math.round((Date.now() - started) / 1000),
  },
  ...JSON.parse(fs.readFileSync(figures, 'utf8')),
});
console.log(`\nwrote ${flags.out}`);
process.exit(run.status ?? 1);
