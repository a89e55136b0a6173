import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli/cli-context';

const REPORT_USAGE = `usage: npm run retention:report -- [--as-of YYYY-MM-DD] [--json]
  The retention sweep's dry run (admin token): each site's retention (programme end + years) and
  how many people have expired on the day (default today), then who would be erased.`;

const REAPPLY_USAGE = `usage: npm run erasures:reapply
  After restoring any database or Temporal from a backup (admin token): people the backup brought
  back are erased again, found by the erasure events Kafka keeps, and every erasure runs again
  through every store.`;

interface RetentionReport {
  asOf: string;
  sites: { siteCode: string; programmeEndsOn: string | null; years: number; expiresOn: string | null; expired: number }[];
  people: { beneficiaryId: string; siteCode: string; enrolledOn: string; expiredOn: string }[];
}

/** `retention:report`: what the daily retention sweep would erase. */
export const retentionReportCommand: CliCommand = async (argv, ctx) => {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { 'as-of': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    ctx.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    ctx.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    ctx.stderr.write(`--as-of must be a date YYYY-MM-DD\n${REPORT_USAGE}\n`);
    return 2;
  }
  const report = await ctx.client.read<RetentionReport>('beneficiaries', `/v1/retention/report${asOf ? `?asOf=${asOf}` : ''}`);
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  ctx.stdout.write(`Retention on ${report.asOf} (dry run: nothing is erased)\n`);
  for (const s of report.sites) {
    const kept = s.programmeEndsOn ? `programme ends ${s.programmeEndsOn}, kept ${s.years} years, until ${s.expiresOn}` : 'no retention set: records are kept';
    ctx.stdout.write(`  ${s.siteCode.padEnd(8)} ${kept}; ${s.expired} would be erased\n`);
  }
  ctx.stdout.write(`${report.people.length} people would be erased${report.people.length > 0 ? ':' : '.'}\n`);
  for (const p of report.people) ctx.stdout.write(`  ${p.beneficiaryId} ${p.siteCode} enrolled ${p.enrolledOn}, expired ${p.expiredOn}\n`);
  return 0;
};

/** `erasures:reapply`: after a restore, every erasure applied again. */
export const erasuresReapplyCommand: CliCommand = async (argv, ctx) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    ctx.stdout.write(`${REAPPLY_USAGE}\n`);
    return 0;
  }
  if (argv.length > 0) {
    ctx.stderr.write(`unexpected arguments: ${argv.join(' ')}\n${REAPPLY_USAGE}\n`);
    return 2;
  }
  const res = await ctx.client.post<{ erasedInLog: number; erasedAgain: number; rerun: number }>('beneficiaries', '/v1/erasures/reapply', {});
  if (res.status !== 200) {
    ctx.stderr.write(`✖ the beneficiaries service answered ${res.status}: ${JSON.stringify(res.body)}\n`);
    return 1;
  }
  const { erasedInLog, erasedAgain, rerun } = res.body;
  ctx.stdout.write(`${erasedInLog} erasures in the Kafka log; ${erasedAgain} people the restore brought back erased again; ${rerun} finished erasures running again through every store.\n`);
  return 0;
};
