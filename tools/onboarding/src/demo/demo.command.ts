import { parseArgs } from 'node:util';
import type { CliCommand, CliContext } from '../cli/cli-context';
import { generateDemoProgramme } from './demo-generator';
import { demoDigest, summariseDemo } from './demo-summary';
import { loadDemoProgramme, type DemoLoadReport } from './demo-loader';

export const DEMO_DEFAULT_SEED = 2026;

const USAGE = `usage: npm run demo -- [--seed N] [--reference-date YYYY-MM-DD] [--scale 1] [--concurrency 12] [--dry-run]
  Generates the demo programme (AMIL, LIME, AMIR; ~5,000 people over the 24 months before the
  reference date, default today) and loads it through the public APIs. The same seed and
  reference date always give the same programme. --dry-run prints what would be loaded.`;

/** `demo`: generate (deterministically) and load the demo programme. */
export const demoCommand: CliCommand = async (argv, ctx) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        'reference-date': { type: 'string' },
        scale: { type: 'string' },
        concurrency: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    ctx.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    ctx.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seed = values.seed === undefined ? DEMO_DEFAULT_SEED : Number(values.seed);
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  const referenceDate = values['reference-date'] ?? new Date().toISOString().slice(0, 10);
  const problems = [
    Number.isInteger(seed) ? undefined : '--seed must be an integer',
    Number.isFinite(scale) && scale > 0 && scale <= 10 ? undefined : '--scale must be a number in (0, 10]',
    concurrency === undefined || (Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64) ? undefined : '--concurrency must be an integer 1–64',
    /^\d{4}-\d{2}-\d{2}$/.test(referenceDate) && !Number.isNaN(Date.parse(referenceDate)) ? undefined : '--reference-date must be a date YYYY-MM-DD',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    ctx.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const report = await runDemo(ctx, { seed, referenceDate, scale, dryRun: values['dry-run'], ...(concurrency ? { concurrency } : {}) });
  return report && report.records.rejected > 0 ? 1 : 0;
};

export interface RunDemoOptions {
  seed: number;
  referenceDate: string;
  scale?: number;
  dryRun?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
}

/** Generates, prints the summary, and loads unless a dry run; shared by the command and `npm start`. */
export async function runDemo(ctx: Pick<CliContext, 'client' | 'stdout' | 'stderr' | 'interactive'>, options: RunDemoOptions): Promise<DemoLoadReport | undefined> {
  const generated = Date.now();
  const programme = generateDemoProgramme({ seed: options.seed, referenceDate: options.referenceDate, scale: options.scale ?? 1 });
  const summary = summariseDemo(programme);
  ctx.stdout.write(
    `Demo programme (seed ${options.seed}, reference date ${options.referenceDate}, digest ${demoDigest(programme).slice(0, 12)}): ` +
      `${programme.sites.length} sites, ${programme.people.length} people, ${programme.people.reduce((n, p) => n + p.records.length, 0)} records; generated in ${Date.now() - generated} ms\n`,
  );
  ctx.stdout.write(`${formatSummary(summary)}\n`);
  if (options.dryRun) return undefined;
  const report = await loadDemoProgramme(ctx.client, programme, {
    out: ctx.stderr,
    interactive: ctx.interactive,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  ctx.stdout.write(
    `${report.aborted ? 'Demo load interrupted' : 'Demo programme loaded'}: sites ${seconds(report.sitesMs)} s, people ${seconds(report.peopleMs)} s; ` +
      `records created ${report.records.created}, already there ${report.records.unchanged}, rejected ${report.records.rejected}\n`,
  );
  for (const line of report.rejections) ctx.stdout.write(`  rejected: ${line}\n`);
  return report;
}

function formatSummary(summary: ReturnType<typeof summariseDemo>): string {
  const rows = Object.entries(summary as Record<string, Record<string, unknown>>).map(([site, counts]) => `  ${site.padEnd(8)} ${Object.entries(counts)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ')}`);
  return rows.join('\n');
}
