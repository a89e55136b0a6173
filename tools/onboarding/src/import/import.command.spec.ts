import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '../api/api-client';
import type { CliContext } from '../cli/cli-context';
import type { RecordWriter, RowOutcome } from '../records/record-writer';
import type { RecordRow, RecordType } from '../records/record-types';
import { formatSummary, importCommand, importRows, parseImportArgs } from './import.command';
import { readRecordFile } from './record-file-reader';
import { captured } from '../testing/cli-capture';

function context(cwd: string) {
  const stdout = captured();
  const stderr = captured();
  const ctx: CliContext = { client: {} as ApiClient, stdout: stdout.stream, stderr: stderr.stream, interactive: false, cwd };
  return { ctx, out: stdout.text, err: stderr.text };
}

describe('import arguments', () => {
  it('reads the import and template forms, and says what is wrong with others', () => {
    expect(parseImportArgs(['a.csv', '--site', 'IT-RM', '--type', 'enrolments', '--dry-run'])).toEqual({ kind: 'import', file: 'a.csv', site: 'IT-RM', type: 'enrolments', dryRun: true });
    expect(parseImportArgs(['--template', 'placements', '--out', 'p.xlsx'])).toEqual({ kind: 'template', type: 'placements', out: 'p.xlsx' });
    expect(parseImportArgs(['a.csv', '--type', 'enrolments'])).toEqual({ kind: 'usage', message: '--site <code> is required' });
    expect(parseImportArgs(['a.csv', '--site', 'IT-RM', '--type', 'people'])).toMatchObject({ kind: 'usage', message: expect.stringContaining('unknown type "people"') });
    expect(parseImportArgs(['--site', 'IT-RM', '--type', 'dropouts'])).toMatchObject({ kind: 'usage' });
    expect(parseImportArgs(['--template', 'dropouts', '--out', 'x.txt'])).toEqual({ kind: 'usage', message: '--out must end in .csv or .xlsx' });
    expect(parseImportArgs(['a.csv', '--site', 'IT-RM', '--type', 'dropouts', '--force'])).toEqual({ kind: 'usage', message: 'unknown option --force' });
  });

  it('exits 2 on a usage error and prints the usage', async () => {
    const { ctx, err } = context(tmpdir());
    expect(await importCommand(['--type', 'dropouts'], ctx)).toBe(2);
    expect(err()).toContain('usage: npm run import');
  });
});

describe('importing rows', () => {
  it("keeps one person's rows in file order while running people side by side, and reports rejected rows sorted by row", async () => {
    const seen: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const writer: RecordWriter = {
      async write(_type: RecordType, row: RecordRow): Promise<RowOutcome> {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setImmediate(r));
        seen.push(`${row['beneficiaryRef']}:${row['n']}`);
        inFlight -= 1;
        if (row['n'] === 'bad') return { status: 'rejected', errors: [{ column: 'on', reason: 'must be a date YYYY-MM-DD' }] };
        return { status: row['n'] === 'old' ? 'unchanged' : 'created' };
      },
      check: () => Promise.reject(new Error('not in a dry run')),
    };
    const rows = [
      { rowNumber: 2, row: { beneficiaryRef: 'A', n: '1' } },
      { rowNumber: 3, row: { beneficiaryRef: 'B', n: 'bad' } },
      { rowNumber: 4, row: { beneficiaryRef: 'A', n: '2' } },
      { rowNumber: 5, row: { beneficiaryRef: 'C', n: 'old' } },
      { rowNumber: 6, row: { beneficiaryRef: 'A', n: 'bad' } },
    ];
    const summary = await importRows(writer, 'dropouts', rows, { dryRun: false, concurrency: 8 });
    expect(seen.filter((s) => s.startsWith('A:'))).toEqual(['A:1', 'A:2', 'A:bad']);
    expect(maxInFlight).toBe(3);
    expect(summary).toEqual({
      created: 2,
      unchanged: 1,
      rejected: 2,
      errors: [
        { rowNumber: 3, column: 'on', reason: 'must be a date YYYY-MM-DD' },
        { rowNumber: 6, column: 'on', reason: 'must be a date YYYY-MM-DD' },
      ],
    });
    expect(formatSummary(summary, false)).toBe('created 2, unchanged 1, rejected 2\nrow 3, column on: must be a date YYYY-MM-DD\nrow 6, column on: must be a date YYYY-MM-DD\n');
    expect(formatSummary(summary, true)).toMatch(/^would create 2, unchanged 1, rejected 2\n/);
  });

  it('stops taking new rows when a write fails for a reason that is not the row', async () => {
    let calls = 0;
    const writer: RecordWriter = {
      write: async () => {
        calls += 1;
        if (calls === 2) throw new Error('the beneficiaries service cannot be reached');
        return { status: 'created' };
      },
      check: () => Promise.reject(new Error('unused')),
    };
    const rows = Array.from({ length: 10 }, (_, i) => ({ rowNumber: i + 2, row: { beneficiaryRef: `R${i}` } }));
    const summary = await importRows(writer, 'dropouts', rows, { dryRun: false, concurrency: 1 });
    expect(summary.stoppedBy).toBe('row 3: the beneficiaries service cannot be reached');
    expect(summary.created).toBe(1);
    expect(calls).toBe(2);
  });
});

describe('templates', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meic-template-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the headers as CSV by default in the working directory, and as XLSX on request; both read back as empty files', async () => {
    const { ctx, out } = context(dir);
    expect(await importCommand(['--template', 'enrolments'], ctx)).toBe(0);
    const csv = join(dir, 'enrolments-template.csv');
    expect(readFileSync(csv, 'utf8')).toBe('beneficiaryRef,courseTitle,enrolledOn,cefrLevelAtStart\n');
    expect(out()).toContain(`to ${csv}`);
    expect(await readRecordFile(csv, 'enrolments')).toEqual([]);

    expect(await importCommand(['--template', 'beneficiaries', '--out', 'b.xlsx'], ctx)).toBe(0);
    expect(await readRecordFile(join(dir, 'b.xlsx'), 'beneficiaries')).toEqual([]);
  });
});
