import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { pseudonymOf } from './export-pseudonym';
import { siteRegistered } from '../testing/test-events';

/**
 * Reads a Parquet file with hyparquet, an ES module Jest's CommonJS runtime cannot load, in a
 * child Node process; dates come back as ISO dates, the rest as Parquet typed them.
 */
function readParquet(bytes: ArrayBuffer): Record<string, unknown>[] {
  const dir = mkdtempSync(join(tmpdir(), 'meic-parquet-'));
  try {
    const file = join(dir, 'export.parquet');
    writeFileSync(file, Buffer.from(bytes));
    const script = `
      import { readFileSync } from 'node:fs';
      import { parquetReadObjects } from 'hyparquet';
      const b = readFileSync(process.argv[1]);
      const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) });
      process.stdout.write(JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? { bigint: String(v) } : v)));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: __dirname, encoding: 'utf8' });
    return JSON.parse(out) as Record<string, unknown>[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const KEY = 'integration-test-pseudonym-key-0123456789';
// Requested 2026-10-01: the release is that of the last quarter end, 2026-09-30.
const AS_OF = '2026-10-01';
const RELEASE = '2026-09-30';


type Person = { pseudonym: string; siteCode: string; country: string; sex: 'female' | 'male'; ageBand: '25-29' | '30-39' | '40-54'; citizenship: string; legalStatus: 'refugee' | 'asylum_seeker' | 'subsidiary_protection' };
const person = (siteCode: string, sex: Person['sex'], ageBand: Person['ageBand'], citizenship: string, legalStatus: Person['legalStatus']): Person => ({
  pseudonym: randomUUID(),
  siteCode,
  country: siteCode.slice(0, 2),
  sex,
  ageBand,
  citizenship,
  legalStatus,
});
const programmeOf = (p: Person) => (p.siteCode === 'IT-RM' ? 'AMIL' : 'AMIR');
let clock = Date.parse('2026-01-01T00:00:00Z');
const next = () => new Date((clock += 1000));
const enrolment = (p: Person, on: string, consent: boolean): CloudEvent[] => [
  buildEvent('meic.beneficiary.enrolled.v2', { ...p, programme: programmeOf(p), occurredOn: on }, { time: next() }),
  buildEvent('meic.beneficiary.consent-recorded.v2', { pseudonym: p.pseudonym, siteCode: p.siteCode, country: p.country, occurredOn: on, evaluationFollowUp: consent }, { time: next() }),
];

/** A tiny CSV reader: ClickHouse quotes every string and no value here holds a comma or a quote. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const cells = (line: string) => line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
  const names = cells(header as string);
  return lines.map((l) => Object.fromEntries(cells(l).map((v, i) => [names[i] as string, v])));
}

/** A Parquet value as the CSV writes it. */
function asCsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/**
 * A release of 22 consenting people in three classes and one alone:
 *   A  IT-RM 2026-Q1  female 25-29 AF refugee                 6 (A0 placed, followed up; an erased seventh)
 *   B  CY-NIC 2026-Q1 male 40-54 SY subsidiary_protection     5 (a sixth who did not consent)
 *   C  IT-RM 2026-Q2  female 30-39 UA refugee                 10 (an eleventh who withdrew consent)
 *   X  IT-RM 2026-Q1  male 30-39 NG asylum_seeker             1: a class under k = 5, left out
 * One of 22 left out (4.5 %, at most 5 %): the finest generalisation (citizenship top 10) is kept.
 */
describe('GET /v1/exports/{dataset}', () => {
  let h: AnalyticsHarness;
  const A = Array.from({ length: 6 }, () => person('IT-RM', 'female', '25-29', 'AF', 'refugee'));
  const B = Array.from({ length: 5 }, () => person('CY-NIC', 'male', '40-54', 'SY', 'subsidiary_protection'));
  const C = Array.from({ length: 10 }, () => person('IT-RM', 'female', '30-39', 'UA', 'refugee'));
  const X = person('IT-RM', 'male', '30-39', 'NG', 'asylum_seeker');
  const erased = person('IT-RM', 'female', '25-29', 'AF', 'refugee');
  const refused = person('CY-NIC', 'male', '40-54', 'SY', 'subsidiary_protection');
  const withdrew = person('IT-RM', 'female', '30-39', 'UA', 'refugee');
  const everyone = [...A, ...B, ...C, X, erased, refused, withdrew];
  const a0 = A[0] as Person;

  beforeAll(async () => {
    h = await startAnalytics({ env: { EXPORT_PSEUDONYM_KEY: KEY } });
    const placementId = randomUUID();
    const events: CloudEvent[] = [
      siteRegistered('IT-RM', 'AMIL'),
      siteRegistered('CY-NIC', 'AMIR'),
      ...A.flatMap((p, i) => enrolment(p, `2026-01-${String(10 + i).padStart(2, '0')}`, true)),
      ...B.flatMap((p, i) => enrolment(p, `2026-02-${String(10 + i).padStart(2, '0')}`, true)),
      ...C.flatMap((p, i) => enrolment(p, `2026-05-${String(10 + i).padStart(2, '0')}`, true)),
      ...enrolment(X, '2026-03-03', true),
      ...enrolment(erased, '2026-01-20', true),
      buildEvent('meic.beneficiary.erased.v2', { siteCode: erased.siteCode, country: erased.country, occurredOn: '2026-06-01', pseudonym: erased.pseudonym }, { time: next() }),
      ...enrolment(refused, '2026-02-20', false),
      ...enrolment(withdrew, '2026-05-20', true),
      buildEvent('meic.beneficiary.consent-recorded.v2', { pseudonym: withdrew.pseudonym, siteCode: withdrew.siteCode, country: withdrew.country, occurredOn: '2026-07-01', evaluationFollowUp: false }, { time: next() }),
      // A0: assessed 10 days after enrolment (2026-01-10), placed after 120 days, employed at 3 months.
      buildEvent('meic.beneficiary.assessed.v2', { ...a0, occurredOn: '2026-01-20', assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }),
      buildEvent('meic.beneficiary.placed.v2', { ...a0, occurredOn: '2026-05-10', placementId, employerOrgId: null, employerOrgType: null, contractType: 'permanent', hoursPerWeek: 36, naceSector: 'C' }),
      buildEvent('meic.beneficiary.followed-up.v2', { ...a0, occurredOn: '2026-08-12', placementId, placedOn: '2026-05-10', monthsAfterPlacement: 3, employed: true }),
      // After the release's evaluation date: not known to it.
      buildEvent('meic.beneficiary.followed-up.v2', { ...a0, occurredOn: '2026-11-12', placementId, placedOn: '2026-05-10', monthsAfterPlacement: 6, employed: false }),
    ];
    await h.send(events);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  const csv = async (query: string, role: 'evaluator' | 'admin' = 'evaluator') => {
    const res = await h.getRaw(`/v1/exports/participants.csv?asOf=${AS_OF}${query}`, { role });
    expect(res.status).toBe(200);
    return { res, text: await res.text() };
  };

  it('as evaluator: only consenting, not erased people, k-anonymous over the quasi-identifiers, durations instead of dates', async () => {
    const { res, text } = await csv('');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="meic-participants-${RELEASE}.csv"`);
    expect([res.headers.get('x-extract-as-of'), res.headers.get('x-extract-rows'), res.headers.get('x-extract-suppressed'), res.headers.get('x-extract-k')]).toEqual([RELEASE, '21', '1', '5']);
    expect(res.headers.get('x-extract-generalisation')).toBe('quarter, citizenship top 10');
    const rows = parseCsv(text);
    expect(rows).toHaveLength(21);
    // Every row's quasi-identifiers are shared by at least 4 others.
    const classOf = (r: Record<string, string>) => [r.site, r.sex, r.ageBand, r.citizenship, r.legalStatus, r.enrolmentQuarter].join('|');
    const sizes = new Map<string, number>();
    for (const r of rows) sizes.set(classOf(r), (sizes.get(classOf(r)) ?? 0) + 1);
    expect(Object.fromEntries(sizes)).toEqual({
      'IT-RM|female|25-29|AF|refugee|2026-Q1': 6,
      'CY-NIC|male|40-54|SY|subsidiary_protection|2026-Q1': 5,
      'IT-RM|female|30-39|UA|refugee|2026-Q2': 10,
    });
    // No calendar date, no id of the platform, nobody who did not consent, withdrew, was erased or is alone in a class.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const p of everyone) expect(text).not.toContain(p.pseudonym);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(rows.some((r) => r.citizenship === 'NG')).toBe(false);
    // A0: the only one placed, 120 days after enrolment; assessed after 10; employed at 3 months (the 6-month follow-up is after the release).
    const placed = rows.filter((r) => r.placed === 'true');
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ assessedDays: '10', placedDays: '120', days: '120', firstContractType: 'permanent', employedAt3: 'true', employedAt6: '', censorReason: '' });
    // Everyone else is censored at the release's evaluation date: C enrolled 2026-05-10 … 05-19, 143 … 134 days before 09-30.
    expect(rows.filter((r) => r.enrolmentQuarter === '2026-Q2').map((r) => Number(r.days)).sort((x, y) => x - y)).toEqual([134, 135, 136, 137, 138, 139, 140, 141, 142, 143]);
    expect(new Set(rows.filter((r) => r.placed === 'false').map((r) => r.censorReason))).toEqual(new Set(['evaluation-date']));
  });

  it('selects rows of the release by site and by enrolment period, widened to whole quarters', async () => {
    expect(parseCsv((await csv('&site=CY-NIC', 'admin')).text).map((r) => r.site)).toEqual(['CY-NIC', 'CY-NIC', 'CY-NIC', 'CY-NIC', 'CY-NIC']);
    // 2026-02-10 … 02-20 is the first quarter: classes A and B, and X left out.
    const { res, text } = await csv('&from=2026-02-10&to=2026-02-20', 'admin');
    expect(parseCsv(text).map((r) => r.enrolmentQuarter)).toEqual(Array.from({ length: 11 }, () => '2026-Q1'));
    expect([res.headers.get('x-extract-rows'), res.headers.get('x-extract-suppressed')]).toEqual(['11', '1']);
  });

  it('salts pseudonymous ids per extract, so no two extracts can be joined row by row', async () => {
    const first = parseCsv((await csv('')).text).map((r) => r.pid);
    const second = parseCsv((await csv('')).text).map((r) => r.pid);
    expect(new Set(first).size).toBe(21);
    expect(first.filter((pid) => second.includes(pid))).toEqual([]);
    for (const p of everyone) expect(first).not.toContain(pseudonymOf(KEY, p.pseudonym));
  });

  it('as Parquet: the same rows, typed', async () => {
    const res = await h.getRaw(`/v1/exports/participants.parquet?asOf=${AS_OF}`, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="meic-participants-${RELEASE}.parquet"`);
    const rows = readParquet(await res.arrayBuffer());
    expect(rows).toHaveLength(21);
    const placed = rows.find((r) => r['placed'] === true);
    expect([placed?.['days'], placed?.['placedDays'], placed?.['employedAt3']]).toEqual([120, 120, true]);
    const byCsv = parseCsv((await csv('')).text).map(({ pid: _pid, ...r }) => r);
    const byParquet = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'pid').map(([k, v]) => [k, asCsv(v)])));
    const key = (r: Record<string, string>) => JSON.stringify(r);
    expect(byParquet.map(key).sort()).toEqual(byCsv.map(key).sort());
  });

  it('audits every extract: who, when, filters, rows; the log is for admins', async () => {
    await csv('&site=IT-RM');
    const log = await h.get<{ items: { actor: string; role: string; dataset: string; format: string; filters: string; rows: number; suppressed: number; generalisation: string }[] }>('/v1/exports/audit', { role: 'admin' });
    expect(log.status).toBe(200);
    const latest = log.body.items[0];
    expect(latest).toMatchObject({ actor: 'test-evaluator', role: 'evaluator', dataset: 'participants', format: 'csv', rows: 16, suppressed: 1, generalisation: 'quarter, citizenship top 10' });
    expect(JSON.parse(latest?.filters ?? '{}')).toMatchObject({ site: 'IT-RM', asOf: RELEASE, from: '1900-01-01', to: '2299-12-31' });
    expect(log.body.items.length).toBeGreaterThanOrEqual(7);
    expect((await h.getRaw('/v1/exports/audit', { role: 'evaluator' })).status).toBe(403);
  });

  it.each(['consortium_lead', 'site_staff'] as const)('refuses %s with 403 problem+json', async (role) => {
    const res = await h.getRaw('/v1/exports/participants.csv', { role, sites: role === 'site_staff' ? ['IT-RM'] : [] });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown dataset with 404 problem+json', async () => {
    for (const path of ['/v1/exports/people.csv', '/v1/exports/participants.xlsx']) {
      const res = await h.getRaw(path, { role: 'evaluator' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toContain('participants.csv');
    }
  });
});
