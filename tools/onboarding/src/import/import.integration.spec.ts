import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { signTestToken } from '@meic/testing';
import { ApiClient } from '../api/api-client';
import { runCli } from '../cli/run-cli';
import { startStack, type StackHarness } from '../testing/stack-harness';
import { parseCsv } from './record-file-reader';
import { captured } from '../testing/cli-capture';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import');
const SUB = 'import-integration-test';

interface Person {
  id: string;
  ref?: string;
}

/** Every personal cell of the beneficiaries fixture: none may appear in anything the tool prints. */
function personalValuesOfFixture(): string[] {
  const [header, ...rows] = parseCsv(readFileSync(join(FIXTURES, 'beneficiaries.csv'), 'utf8'));
  const personal = (header ?? []).map((h, i) => (h.startsWith('person.') ? i : -1)).filter((i) => i >= 0);
  return rows.flatMap((r) => personal.map((i) => r[i] ?? '')).filter((v) => v.length > 3);
}

/** The CSV as a workbook a site would keep: real date cells, numbers and booleans, not text. */
async function csvAsXlsx(csvPath: string, xlsxPath: string): Promise<void> {
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('beneficiaries');
  sheet.addRow(header ?? []);
  for (const row of rows) {
    sheet.addRow(
      row.map((cell) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(cell) && !Number.isNaN(new Date(`${cell}T00:00:00Z`).getTime()) && new Date(`${cell}T00:00:00Z`).toISOString().startsWith(cell)) {
          return new Date(`${cell}T00:00:00Z`);
        }
        if (/^\d+$/.test(cell)) return Number(cell);
        if (cell === 'true' || cell === 'false') return cell === 'true';
        return cell === '' ? null : cell;
      }),
    );
  }
  await workbook.xlsx.writeFile(xlsxPath);
}

describe('npm run import: spreadsheets through the public API', () => {
  let stack: StackHarness;
  let client: ApiClient;
  let token: string;
  let tmp: string;
  const courseIds: Record<string, string> = {};

  async function setUpSite(code: string): Promise<void> {
    await client.write('stakeholders', 'POST', '/v1/sites', {
      code,
      name: `Import test ${code}`,
      country: 'IT',
      city: 'Torino',
      programme: 'AMIL',
      clusterName: 'Import test cluster',
      startedOn: '2026-01-15',
      defaultLanguage: 'it',
      targets: { enrolled: 20, placed: 5, womenSharePct: 40 },
    });
    const provider = await client.write<{ id: string }>('stakeholders', 'POST', '/v1/organisations', { name: 'CPIA Fixture', type: 'vet_provider', siteCode: code, joinedOn: '2026-01-20' });
    await client.write('stakeholders', 'POST', '/v1/organisations', { name: 'Officine Dora', type: 'enterprise', siteCode: code, naceSector: 'C', joinedOn: '2026-01-20' });
    for (const [title, type] of [
      ['Italiano L2 A2', 'l2_language'],
      ['Saldatura di base', 'vocational_training'],
    ] as const) {
      const course = await client.write<{ id: string }>('trainings', 'POST', '/v1/courses', {
        siteCode: code,
        type,
        title,
        providerOrgId: provider.body.id,
        hours: 80,
        startsOn: '2026-02-16',
        endsOn: '2026-05-29',
      });
      courseIds[`${code}/${title}`] = course.body.id;
    }
  }

  async function run(args: string[], with_: ApiClient = client): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = captured();
    const stderr = captured();
    const code = await runCli('import', args, { client: with_, stdout: stdout.stream, stderr: stderr.stream, interactive: false, cwd: FIXTURES });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  const people = (site: string) => client.readAll<Person>('beneficiaries', `/v1/beneficiaries?siteCode=${site}`);

  beforeAll(async () => {
    stack = await startStack();
    token = await signTestToken({ role: 'admin', sites: [], sub: SUB });
    client = new ApiClient({ urls: stack.urls, token, unavailableWaitMs: 10_000, referenceWaitMs: 20_000 });
    tmp = mkdtempSync(join(tmpdir(), 'meic-import-'));
    for (const code of ['IT-FX', 'IT-FY', 'IT-FZ']) await setUpSite(code);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const EXPECTED_ERRORS = [
    'row 5, column legalStatus: must be one of refugee, asylum_seeker, subsidiary_protection, humanitarian_protection, former_unaccompanied_minor, other_tcn',
    'row 8, column person.birthDate: must be a date YYYY-MM-DD',
    'row 11, column person.givenName: is required',
  ];
  let csvOutput = '';

  it('--dry-run says what it would do and writes nothing', async () => {
    const dry = await run(['beneficiaries.csv', '--site', 'IT-FX', '--type', 'beneficiaries', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toBe(['would create 9, unchanged 0, rejected 3', ...EXPECTED_ERRORS, ''].join('\n'));
    expect(await people('IT-FX')).toEqual([]);
  });

  it('imports the valid rows, reports each rejected row by number, column and reason, and prints no personal value', async () => {
    const first = await run(['beneficiaries.csv', '--site', 'IT-FX', '--type', 'beneficiaries']);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(['created 9, unchanged 0, rejected 3', ...EXPECTED_ERRORS, ''].join('\n'));
    csvOutput = first.stdout;
    for (const value of personalValuesOfFixture()) {
      expect(first.stdout).not.toContain(value);
      expect(first.stderr).not.toContain(value);
    }
    const imported = await people('IT-FX');
    expect(imported.map((p) => p.ref).sort()).toEqual(['FX-001', 'FX-002', 'FX-003', 'FX-005', 'FX-006', 'FX-008', 'FX-009', 'FX-011', 'FX-012']);
  });

  it('creates nothing on a re-run of the same file', async () => {
    const again = await run(['beneficiaries.csv', '--site', 'IT-FX', '--type', 'beneficiaries']);
    expect(again.stdout).toBe(['created 0, unchanged 9, rejected 3', ...EXPECTED_ERRORS, ''].join('\n'));
    expect(again.code).toBe(1);
    expect(await people('IT-FX')).toHaveLength(9);
  });

  it('after a crash half-way (a write whose answer was lost), a re-run imports every valid row exactly once', async () => {
    let posts = 0;
    let crashed = false;
    const crashingFetch: typeof fetch = async (input, init) => {
      if (crashed) throw new TypeError('fetch failed');
      if (init?.method === 'POST') {
        posts += 1;
        if (posts === 5) {
          // The fifth write reaches the service and commits; its answer never comes back. Writes
          // started after it fail at once (the process is gone), so not all nine can land
          // whatever the pool's width and timing.
          crashed = true;
          await fetch(input, init);
          throw new TypeError('fetch failed');
        }
      }
      return fetch(input, init);
    };
    const crashing = new ApiClient({ urls: stack.urls, token, fetchImpl: crashingFetch, unavailableWaitMs: 0, referenceWaitMs: 20_000 });
    const broken = await run(['beneficiaries.csv', '--site', 'IT-FY', '--type', 'beneficiaries'], crashing);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('the import stopped at row');
    // Writes already on their way when the fifth one broke complete too (rows run side by side).
    const before = (await people('IT-FY')).length;
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThan(9);

    const resumed = await run(['beneficiaries.csv', '--site', 'IT-FY', '--type', 'beneficiaries']);
    expect(resumed.stdout.split('\n')[0]).toBe(`created ${9 - before}, unchanged ${before}, rejected 3`);
    const all = await people('IT-FY');
    expect(all).toHaveLength(9);
    expect(new Set(all.map((p) => p.ref)).size).toBe(9);
  });

  it('imports the same data from an XLSX workbook (date, number and boolean cells) with the same result', async () => {
    const xlsx = join(tmp, 'beneficiaries.xlsx');
    await csvAsXlsx(join(FIXTURES, 'beneficiaries.csv'), xlsx);
    const fromXlsx = await run([xlsx, '--site', 'IT-FZ', '--type', 'beneficiaries']);
    expect(fromXlsx.stdout).toBe(csvOutput);
    expect(fromXlsx.code).toBe(1);
    const got = await client.read<{ items: (Person & { person: { birthDate: string }; consent: { evaluationFollowUp: boolean }; arrivalYear: number })[] }>(
      'beneficiaries',
      '/v1/beneficiaries?siteCode=IT-FZ&ref=FX-002',
    );
    expect(got.items[0]).toMatchObject({ person: { birthDate: '1988-09-23' }, consent: { evaluationFollowUp: false }, arrivalYear: 2021 });
  });

  it('imports enrolments, placements and follow-ups that refer to the refs of the beneficiaries file, once', async () => {
    const enrol = await run(['enrolments.csv', '--site', 'IT-FX', '--type', 'enrolments']);
    expect(enrol.stdout).toBe(
      ['created 7, unchanged 0, rejected 2', 'row 9, column beneficiaryRef: no beneficiary with ref FX-004 in site IT-FX', 'row 10, column courseTitle: no course named "Corso che non esiste" in site IT-FX', ''].join('\n'),
    );
    const italian = await client.readAll('trainings', `/v1/courses/${courseIds['IT-FX/Italiano L2 A2']}/enrolments`);
    const welding = await client.readAll('trainings', `/v1/courses/${courseIds['IT-FX/Saldatura di base']}/enrolments`);
    expect([italian.length, welding.length]).toEqual([4, 3]);
    expect((await run(['enrolments.csv', '--site', 'IT-FX', '--type', 'enrolments'])).stdout.split('\n')[0]).toBe('created 0, unchanged 7, rejected 2');

    const placed = await run(['placements.csv', '--site', 'IT-FX', '--type', 'placements']);
    expect(placed).toMatchObject({ code: 0, stdout: 'created 3, unchanged 0, rejected 0\n' });
    expect(placed.stdout + placed.stderr).not.toContain('Ristorante');

    const followed = await run(['follow-ups.csv', '--site', 'IT-FX', '--type', 'follow-ups']);
    expect(followed.stdout).toBe(['created 3, unchanged 0, rejected 1', 'row 5, column beneficiaryRef: the beneficiary with ref FX-001 has no placement to follow up', ''].join('\n'));
    expect((await run(['follow-ups.csv', '--site', 'IT-FX', '--type', 'follow-ups'])).stdout.split('\n')[0]).toBe('created 0, unchanged 3, rejected 1');
    expect((await run(['placements.csv', '--site', 'IT-FX', '--type', 'placements'])).stdout).toBe('created 0, unchanged 3, rejected 0\n');

    const [fx005] = (await client.read<{ items: Person[] }>('beneficiaries', '/v1/beneficiaries?siteCode=IT-FX&ref=FX-005')).items;
    const placements = await client.read<{ items: { startedOn: string; employerOrgId?: string; followUpMonths: number[] }[] }>('beneficiaries', `/v1/beneficiaries/${fx005?.id}/placements`);
    expect(placements.items).toEqual([expect.objectContaining({ startedOn: '2026-06-01', employerOrgId: expect.any(String), followUpMonths: [3] })]);
  });

  it('refuses a site that does not exist, and a file with a bad header, before writing anything', async () => {
    const noSite = await run(['beneficiaries.csv', '--site', 'IT-NOPE', '--type', 'beneficiaries']);
    expect(noSite).toMatchObject({ code: 1, stdout: '' });
    expect(noSite.stderr).toContain('site IT-NOPE does not exist');
    const wrongType = await run(['enrolments.csv', '--site', 'IT-FX', '--type', 'placements']);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toContain('enrolments.csv: unknown columns courseTitle, enrolledOn, cefrLevelAtStart for placements');
  });

  it('writes a template with the headers', async () => {
    const out = join(tmp, 'placements.csv');
    const res = await run(['--template', 'placements', '--out', out]);
    expect(res.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('beneficiaryRef,employerOrg,employerName,contractType,hoursPerWeek,naceSector,startedOn\n');
  });
});
