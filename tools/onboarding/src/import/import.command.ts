/**
 * `npm run import -- <file.csv|file.xlsx> --site <code> --type <type> [--dry-run]` and
 * `npm run import -- --template <type> [--out <file.csv|file.xlsx>]` (contract "Site files and
 * spreadsheet imports"). Valid rows are imported, every rejected row is reported by row number,
 * column and reason — never with the personal value that was wrong — and a re-run of the same
 * file creates nothing new (see records/record-writer).
 */
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { CliCommand, CliContext } from '../cli/cli-context';
import { createProgress } from '../progress/progress';
import { countOutcome, createRecordWriter, type RecordWriter, type RowOutcome } from '../records/record-writer';
import { runInPool } from '../records/run-in-pool';
import { isRecordType, RECORD_COLUMNS, RECORD_TYPES, type RecordRow, type RecordType } from '../records/record-types';
import { readRecordFile, RecordFileError, type NumberedRow } from './record-file-reader';

const USAGE = [
  'usage: npm run import -- <file.csv|file.xlsx> --site <code> --type <type> [--dry-run]',
  '       npm run import -- --template <type> [--out <file.csv|file.xlsx>]',
  `types: ${RECORD_TYPES.join(', ')}`,
].join('\n');

/** Rows of different people run side by side; one person's rows keep their file order. */
export const IMPORT_CONCURRENCY = 8;

export type ImportArgs =
  | { kind: 'import'; file: string; site: string; type: RecordType; dryRun: boolean }
  | { kind: 'template'; type: RecordType; out?: string };

export function parseImportArgs(argv: readonly string[]): ImportArgs | { kind: 'usage'; message: string } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--dry-run') {
      dryRun = true;
    } else if (arg === '--site' || arg === '--type' || arg === '--template' || arg === '--out') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { kind: 'usage', message: `${arg} needs a value` };
      options.set(arg, value);
      i += 1;
    } else if (arg.startsWith('--')) {
      return { kind: 'usage', message: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  const badType = (t: string) => ({ kind: 'usage' as const, message: `unknown type "${t}"; expected one of: ${RECORD_TYPES.join(', ')}` });
  const template = options.get('--template');
  if (template !== undefined) {
    if (!isRecordType(template)) return badType(template);
    if (positional.length > 0 || options.has('--site') || options.has('--type') || dryRun) return { kind: 'usage', message: '--template takes only --out' };
    const out = options.get('--out');
    if (out !== undefined && !['.csv', '.xlsx'].includes(extname(out).toLowerCase())) return { kind: 'usage', message: '--out must end in .csv or .xlsx' };
    return { kind: 'template', type: template, ...(out !== undefined ? { out } : {}) };
  }
  if (options.has('--out')) return { kind: 'usage', message: '--out goes with --template' };
  if (positional.length !== 1) return { kind: 'usage', message: positional.length === 0 ? 'which file? give one .csv or .xlsx file' : 'give exactly one file' };
  const site = options.get('--site');
  const type = options.get('--type');
  if (!site) return { kind: 'usage', message: '--site <code> is required' };
  if (!type) return { kind: 'usage', message: '--type <type> is required' };
  if (!isRecordType(type)) return badType(type);
  return { kind: 'import', file: positional[0] as string, site, type, dryRun };
}

export interface RejectedRow {
  rowNumber: number;
  column: string;
  reason: string;
}

export interface ImportSummary {
  created: number;
  unchanged: number;
  rejected: number;
  errors: RejectedRow[];
  /** Set when the import stopped before every row was handled (a service failed). */
  stoppedBy?: string;
}

/** The person a row is about: their rows are written one after the other. */
function personKey(type: RecordType, row: RecordRow, rowNumber: number): string {
  const ref = (type === 'beneficiaries' ? row['ref'] : row['beneficiaryRef'])?.trim();
  return ref ? `ref:${ref}` : `row:${rowNumber}`;
}

/**
 * Every row through the writer: one queue per person, at most `concurrency` people at a time.
 * A failure that is not about a row (a service down, a token refused) stops new rows; rows in
 * flight finish, and the summary says where it stopped.
 */
export async function importRows(
  writer: RecordWriter,
  type: RecordType,
  rows: readonly NumberedRow[],
  opts: { dryRun: boolean; concurrency?: number; onRow?: () => void },
): Promise<ImportSummary> {
  const queues = new Map<string, NumberedRow[]>();
  for (const r of rows) {
    const key = personKey(type, r.row, r.rowNumber);
    queues.set(key, [...(queues.get(key) ?? []), r]);
  }
  const summary: ImportSummary = { created: 0, unchanged: 0, rejected: 0, errors: [] };
  await runInPool(
    [...queues.values()],
    opts.concurrency ?? IMPORT_CONCURRENCY,
    async (queue) => {
      for (const { rowNumber, row } of queue) {
        if (summary.stoppedBy !== undefined) return;
        let outcome: RowOutcome;
        try {
          outcome = opts.dryRun ? await writer.check(type, row) : await writer.write(type, row);
        } catch (error) {
          summary.stoppedBy = `row ${rowNumber}: ${error instanceof Error ? error.message : String(error)}`;
          return;
        }
        countOutcome(summary, outcome);
        if (outcome.status === 'rejected') summary.errors.push(...outcome.errors.map((e) => ({ rowNumber, ...e })));
        opts.onRow?.();
      }
    },
    () => summary.stoppedBy !== undefined,
  );
  summary.errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return summary;
}

export function formatSummary(summary: ImportSummary, dryRun: boolean): string {
  const lines = [`${dryRun ? 'would create' : 'created'} ${summary.created}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`];
  for (const e of summary.errors) lines.push(`row ${e.rowNumber}, column ${e.column}: ${e.reason}`);
  return `${lines.join('\n')}\n`;
}

export async function writeTemplate(type: RecordType, path: string): Promise<void> {
  const headers = RECORD_COLUMNS[type].map((c) => c.name);
  if (extname(path).toLowerCase() === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(type);
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    // The notes say what each column takes, without adding a row the importer would read.
    RECORD_COLUMNS[type].forEach((c, i) => {
      header.getCell(i + 1).note = `${c.required ? 'required' : 'optional'}: ${c.description}`;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    await workbook.xlsx.writeFile(path);
    return;
  }
  await writeFile(path, stringify([headers]), 'utf8');
}

async function runImport(args: Extract<ImportArgs, { kind: 'import' }>, ctx: CliContext): Promise<number> {
  const path = resolve(ctx.cwd, args.file);
  let rows: NumberedRow[];
  try {
    rows = await readRecordFile(path, args.type);
  } catch (error) {
    if (error instanceof RecordFileError) {
      ctx.stderr.write(`✖ ${args.file}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const site = await ctx.client.get('stakeholders', `/v1/sites/${encodeURIComponent(args.site)}`);
  if (site.status === 404) {
    ctx.stderr.write(`✖ site ${args.site} does not exist; register it first (npm run site:add)\n`);
    return 1;
  }
  if (site.status === 403) {
    ctx.stderr.write(`✖ this token may not work at site ${args.site}\n`);
    return 1;
  }
  if (site.status !== 200) throw new Error(`GET /v1/sites/${args.site} answered ${site.status}`);
  const writer = createRecordWriter(ctx.client, args.site);
  const progress = createProgress(`${args.dryRun ? 'checking' : 'importing'} ${args.type}`, rows.length, ctx.stderr, ctx.interactive);
  let summary: ImportSummary;
  try {
    summary = await importRows(writer, args.type, rows, { dryRun: args.dryRun, onRow: () => progress.increment() });
  } finally {
    progress.stop();
  }
  ctx.stdout.write(formatSummary(summary, args.dryRun));
  if (summary.stoppedBy !== undefined) {
    ctx.stderr.write(`✖ the import stopped at ${summary.stoppedBy}\n  rows not reached were not imported; run the same command again to finish (rows already imported stay unchanged)\n`);
    return 1;
  }
  return summary.rejected > 0 ? 1 : 0;
}

export const importCommand: CliCommand = async (argv, ctx) => {
  const args = parseImportArgs(argv);
  switch (args.kind) {
    case 'usage':
      ctx.stderr.write(`${args.message}\n${USAGE}\n`);
      return 2;
    case 'template': {
      const out = resolve(ctx.cwd, args.out ?? `${args.type}-template.csv`);
      await writeTemplate(args.type, out);
      ctx.stdout.write(`wrote the ${args.type} template (${RECORD_COLUMNS[args.type].length} columns) to ${out}\n`);
      return 0;
    }
    case 'import':
      return runImport(args, ctx);
  }
};
