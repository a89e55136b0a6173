// @ts-check
/* global process, console */
/**
 * Disclosure planner on the demo programme: the measure `GET /v1/kpis/trends?metric=placed&interval=month`
 * publishes as a consortium_lead, built offline (no services) from the demo generator's output, timed
 * through `PublisherService.publish` on a fresh publisher (cold) and again on the same one (warm).
 *
 *   node bench/disclosure-plan.bench.mjs                       # 3 cold runs, prints a table
 *   node bench/disclosure-plan.bench.mjs --repeat 5 --write    # also writes bench/results/disclosure-plan.json
 *   node bench/disclosure-plan.bench.mjs --metric enrolled --interval quarter
 *   node bench/disclosure-plan.bench.mjs --zero-sites HU-BUD,SE-MAL   # the same data without two sites, which has a plan
 *   node bench/disclosure-plan.bench.mjs --print-counts               # the site × month counts too
 *   --seed 2026 --reference-date 2026-11-24 --min-cell 5 --label after (results[label][case] in the file)
 *   node --cpu-prof --cpu-prof-dir /tmp/prof bench/disclosure-plan.bench.mjs --repeat 1
 *
 * The TypeScript sources are compiled on the fly with @swc/core (the options Jest uses), so the
 * figures are those of the code in the working tree.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuBusyPct, intFlag, machine, printTable, REPO_ROOT, RESULTS_DIR, round, writeResults } from './lib/bench.mjs';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const args = process.argv.slice(2);
const flag = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? /** @type {string} */ (args[i + 1]) : fallback;
};
const repeat = intFlag('repeat', flag('repeat', '3'));
const seed = intFlag('seed', flag('seed', '2026'));
const referenceDate = flag('reference-date', '2026-11-24');
const metric = flag('metric', 'placed');
const interval = /** @type {'month' | 'quarter' | 'year'} */ (flag('interval', 'month'));
const write = args.includes('--write');
const label = flag('label', 'after');

// --- TypeScript on the fly, with the module names jest.config.js maps.
const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};
/** @type {any} */ (Module)._extensions['.ts'] = (/** @type {any} */ module, /** @type {string} */ filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
const resolve = /** @type {any} */ (Module)._resolveFilename;
/** @type {any} */ (Module)._resolveFilename = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
  const m = /^@meic\/(contracts|config|testing|service-kit|onboarding)$/.exec(request);
  if (m) return path.join(REPO_ROOT, 'packages', /** @type {string} */ (m[1]), 'src/index.ts');
  try {
    return resolve.call(this, request, ...rest);
  } catch (e) {
    if (request.startsWith('.')) return resolve.call(this, `${request}.ts`, ...rest);
    throw e;
  }
};

const { generateDemoProgramme } = require(path.join(REPO_ROOT, 'packages/onboarding/src/demo/demo-generator.ts'));
const { SITES } = require(path.join(REPO_ROOT, 'packages/onboarding/src/demo/demo-sites.data.ts'));
const { PublisherService } = require(path.join(REPO_ROOT, 'services/analytics/src/kpis/publisher.service.ts'));
const { intervalBuckets } = require(path.join(REPO_ROOT, 'services/analytics/src/kpis/measures.ts'));
const { trendWindow, TREND_METRICS } = require(path.join(REPO_ROOT, 'services/analytics/src/trends/trend-window.ts'));
const { createHash } = require('node:crypto');

// MEIC_MIN_CELL's default (services/analytics/src/config.ts).
const minCell = intFlag('min-cell', flag('min-cell', '5'));

// --- The measure, as KpiEngine.measures builds it for TrendsService.trends.
const t0 = performance.now();
const programme = generateDemoProgramme({ seed, referenceDate, scale: Number(flag('scale', '1')) });
const generateMs = performance.now() - t0;

/** Record type and date field of the first occurrence of each trend step in the demo's records. */
const STEP_RECORDS = {
  enrolled: ['beneficiaries', 'enrolledOn'],
  placed: ['placements', 'startedOn'],
};
const step = TREND_METRICS[metric];
const source = /** @type {Record<string, [string, string]>} */ (STEP_RECORDS)[step];
if (!source) throw new Error(`--metric ${metric}: only ${Object.keys(STEP_RECORDS).join(', ')} are built offline`);
const asOf = referenceDate;
const window = trendWindow({}, interval, asOf);
const categories = intervalBuckets(window.from, window.to, interval);
const bucketOf = (/** @type {string} */ iso) => intervalBuckets(iso, iso, interval)[0];
// Registered sites, by code (KpiEngine.sites sorts them so).
const refs = SITES.map((/** @type {any} */ s) => ({ code: s.code, country: s.country, programme: s.programme })).sort((/** @type {any} */ a, /** @type {any} */ b) =>
  a.code.localeCompare(b.code),
);
const siteIndex = new Map(refs.map((/** @type {any} */ s, /** @type {number} */ i) => [s.code, i]));
const counts = refs.map(() => categories.map(() => 0));
const column = new Map(categories.map((/** @type {string} */ c, /** @type {number} */ i) => [c, i]));
let people = 0;
for (const person of programme.people) {
  people++;
  // participants keeps one row per person and site; a step's date is its first occurrence.
  const dates = person.records.filter((/** @type {any} */ r) => r.type === source[0] && r.row[source[1]]).map((/** @type {any} */ r) => r.row[source[1]]);
  if (dates.length === 0) continue;
  const first = dates.sort()[0];
  // countIf(step BETWEEN from AND to AND step <= asOf), grouped by bucket.
  if (first < window.from || first > window.to || first > asOf) continue;
  const c = column.get(bucketOf(first));
  const s = siteIndex.get(person.siteCode);
  if (c === undefined || s === undefined) continue;
  counts[s][c]++;
}
// A variant of the data for the planner's search: these sites count no one.
for (const code of flag('zero-sites', '').split(',').filter(Boolean)) counts[siteIndex.get(code) ?? -1]?.fill(0);
// Interval categorisations are exhaustive: the totals come from the cells' query.
const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
const measure = {
  key: createHash('sha256').update(JSON.stringify([refs, totals])).digest('base64url'),
  sites: refs,
  categories,
  exhaustive: true,
  counts,
  totals,
};
if (args.includes('--print-counts')) refs.forEach((/** @type {any} */ s, /** @type {number} */ i) => console.log(s.code.padEnd(7), s.country, s.programme.padEnd(5), String(totals[i]).padStart(4), counts[i].map((v) => String(v).padStart(3)).join('')));
const principal = { role: 'consortium_lead', sites: [], subject: 'bench' };

const shape = {
  people,
  sites: refs.length,
  countries: new Set(refs.map((/** @type {any} */ s) => s.country)).size,
  programmes: [...new Set(refs.map((/** @type {any} */ s) => s.programme))].sort(),
  categories: categories.length,
  counted: totals.reduce((a, b) => a + b, 0),
  smallCells: counts.flat().filter((v) => v > 0 && v < minCell).length,
};
console.log(`demo seed ${seed} at ${referenceDate}: ${people} people, ${shape.sites} sites, ${shape.countries} countries (generated in ${round(generateMs / 1000, 1)} s)`);
console.log(`${metric} by ${interval}: ${categories.length} categories ${categories[0]} … ${categories.at(-1)}, ${shape.counted} counted, ${shape.smallCells} cells in 1..${minCell - 1}`);

/** Every cell a trends response can show, to count suppressions. */
const suppressedCells = (/** @type {any} */ published) => {
  const units = [
    ...refs.map((/** @type {any} */ s) => ['site', s.code]),
    ...[...new Set(refs.map((/** @type {any} */ s) => `${s.country}|${s.programme}`))].map((k) => ['countryProgramme', k]),
    ...[...new Set(refs.map((/** @type {any} */ s) => s.country))].map((k) => ['country', k]),
    ...[...new Set(refs.map((/** @type {any} */ s) => s.programme))].map((k) => ['programme', k]),
    ['total', 'total'],
  ];
  let all = 0;
  let response = 0;
  const digest = createHash('sha256');
  for (const [level, key] of units)
    for (const c of [null, ...categories]) {
      const cell = published.cell(level, key, c);
      digest.update(`${level} ${key} ${c} ${cell.suppressed ? '-' : cell.value}\n`);
      if (cell.suppressed) {
        all++;
        // The default trends response: a group per site and the totals row.
        if (level === 'site' || level === 'total') response++;
      }
    }
  return { all, response, digest: digest.digest('hex').slice(0, 16) };
};

const busyBefore = await cpuBusyPct(1000);
/** @type {{ coldMs: number; warmMs: number; suppressed: { all: number; response: number; digest: string } }[]} */
const runs = [];
for (let r = 0; r < repeat; r++) {
  const publisher = new PublisherService(minCell);
  const a = performance.now();
  const published = publisher.publish(principal, measure);
  const coldMs = performance.now() - a;
  const b = performance.now();
  publisher.publish(principal, measure);
  const warmMs = performance.now() - b;
  const suppressed = suppressedCells(published);
  runs.push({ coldMs, warmMs, suppressed });
  console.log(`run ${r + 1}/${repeat}: cold ${round(coldMs / 1000, 2)} s, warm ${round(warmMs, 2)} ms, ${suppressed.all} cells suppressed (${suppressed.response} in the by-site response), pattern ${suppressed.digest}`);
}
const sorted = runs.map((r) => r.coldMs).sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
printTable(
  ['measure', 'cold median (s)', 'cold min (s)', 'cold max (s)', 'warm (ms)', 'suppressed', 'in response'],
  [[`${metric}/${interval}`, round(median / 1000, 2), round((sorted[0] ?? NaN) / 1000, 2), round((sorted.at(-1) ?? NaN) / 1000, 2), round(runs[0]?.warmMs ?? NaN, 2), runs[0]?.suppressed.all ?? 0, runs[0]?.suppressed.response ?? 0]],
);

if (write) {
  const file = path.join(RESULTS_DIR, 'disclosure-plan.json');
  /** @type {any} */
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const zeroSites = flag('zero-sites', '');
  const name = [`${metric}/${interval}`, seed === 2026 ? '' : `seed ${seed}`, minCell === 5 ? '' : `minCell ${minCell}`, zeroSites ? `without ${zeroSites}` : ''].filter(Boolean).join(', ');
  const figures = {
    date: new Date().toISOString(),
    gitCommit: machine().gitCommit,
    cpuBusyBeforePct: busyBefore,
    coldMedianSeconds: round(median / 1000, 3),
    coldSeconds: runs.map((r) => round(r.coldMs / 1000, 3)),
    warmMs: round(runs[0]?.warmMs ?? NaN, 3),
    suppressedCells: runs[0]?.suppressed.all ?? 0,
    suppressedInResponse: runs[0]?.suppressed.response ?? 0,
    patternDigest: runs[0]?.suppressed.digest ?? null,
    measure: shape,
  };
  writeResults(file, {
    benchmark: 'disclosure-plan',
    date: new Date().toISOString(),
    machine: machine(),
    parameters: {
      seed,
      referenceDate,
      minCell,
      repeat,
      definitions: {
        labels: 'results[label][case]: `before` = the planner and publisher before the change (working tree with them restored), `after` = with it',
        cold: 'PublisherService.publish on a fresh publisher (both plans: the totals and the categories), consortium_lead, compiled by @swc/core and run in plain Node',
        warm: 'the same call again on the same publisher (cache hit)',
        cpuBusyBeforePct: 'share of the machine busy during the second before the runs (the machine is shared: compare figures only when low)',
        suppressedCells: 'cells (every unit of every level × the total and each category) the published measure suppresses',
        suppressedInResponse: 'of those, the cells of the default trends response (a group per site and the totals row)',
        patternDigest: 'sha256 (16 hex digits) of every cell as published (value or suppressed): equal digests, the same publication',
      },
    },
    results: { ...(previous.results ?? {}), [label]: { ...(previous.results?.[label] ?? {}), [name]: figures } },
  });
}
