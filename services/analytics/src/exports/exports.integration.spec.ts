import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { pseudonymOf } from './export-pseudonym';

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
const AS_OF = '2026-10-01';

const site = (code: string, programme: string) =>
  buildEvent('meic.site.registered.v1', {
    siteCode: code,
    country: code.slice(0, 2),
    occurredOn: '2026-01-01',
    name: `Site ${code}`,
    city: 'City',
    programme,
    clusterName: 'Cluster',
    startedOn: '2026-01-01',
    defaultLanguage: 'en',
    targets: { enrolled: 10, placed: 5, womenSharePct: 50 },
  });

type Person = { beneficiaryId: string; siteCode: string; country: string; sex: 'female' | 'male'; ageBand: '25-29' | '30-39' | '40-54'; citizenship: string; legalStatus: 'refugee' | 'asylum_seeker' | 'subsidiary_protection' };
const person = (siteCode: string, sex: Person['sex'], ageBand: Person['ageBand'], citizenship: string, legalStatus: Person['legalStatus']): Person => ({
  beneficiaryId: randomUUID(),
  siteCode,
  country: siteCode.slice(0, 2),
  sex,
  ageBand,
  citizenship,
  legalStatus,
});

/** A tiny CSV reader: ClickHouse quotes every string and no value here holds a comma or a quote. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const cells = (line: string) => line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
  const names = cells(header as string);
  return lines.map((l) => Object.fromEntries(cells(l).map((v, i) => [names[i] as string, v])));
}

/** A Parquet value (dates as JSON date-times) as the CSV writes it. */
function asCsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(v)) return v.slice(0, 10);
  return String(v);
}

describe('GET /v1/exports/{dataset}', () => {
  let h: AnalyticsHarness;
  const a = person('IT-RM', 'female', '25-29', 'AF', 'refugee');
  const b = person('IT-RM', 'male', '30-39', 'NG', 'asylum_seeker');
  const c = person('CY-NIC', 'female', '40-54', 'SY', 'subsidiary_protection');
  const erased = person('IT-RM', 'male', '30-39', 'NG', 'refugee');
  const ids = [a, b, c, erased].map((p) => p.beneficiaryId);

  beforeAll(async () => {
    h = await startAnalytics({ env: { EXPORT_PSEUDONYM_KEY: KEY } });
    const courseId = randomUUID();
    const placementId = randomUUID();
    const events: CloudEvent[] = [
      site('IT-RM', 'AMIL'),
      site('CY-NIC', 'AMIR'),
      buildEvent('meic.beneficiary.enrolled.v1', { ...a, programme: 'AMIL', occurredOn: '2026-01-10' }),
      buildEvent('meic.beneficiary.assessed.v1', { ...a, occurredOn: '2026-01-20', assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }),
      buildEvent('meic.course.enrolled.v1', { ...a, occurredOn: '2026-02-01', courseId, courseType: 'l2_language', cefrLevelAtStart: 'A1' }),
      buildEvent('meic.course.completed.v1', {
        ...a,
        occurredOn: '2026-04-01',
        courseId,
        courseType: 'l2_language',
        outcome: 'completed',
        hoursAttended: 80,
        cefrTarget: 'A2',
        cefrLevelAtStart: 'A1',
        cefrLevelReached: 'A2',
      }),
      buildEvent('meic.beneficiary.placed.v1', { ...a, occurredOn: '2026-05-10', placementId, employerOrgId: null, employerOrgType: null, contractType: 'permanent', hoursPerWeek: 36, naceSector: 'C' }),
      buildEvent('meic.beneficiary.followed-up.v1', { ...a, occurredOn: '2026-08-12', placementId, placedOn: '2026-05-10', monthsAfterPlacement: 3, employed: true }),
      // After the evaluation date: not known yet, so not exported.
      buildEvent('meic.beneficiary.followed-up.v1', { ...a, occurredOn: '2026-11-12', placementId, placedOn: '2026-05-10', monthsAfterPlacement: 6, employed: false }),
      buildEvent('meic.beneficiary.enrolled.v1', { ...b, programme: 'AMIL', occurredOn: '2026-02-01' }),
      buildEvent('meic.beneficiary.dropped-out.v1', { ...b, occurredOn: '2026-03-15', reason: 'moved_away' }),
      buildEvent('meic.beneficiary.enrolled.v1', { ...c, programme: 'AMIR', occurredOn: '2026-03-01' }),
      buildEvent('meic.beneficiary.enrolled.v1', { ...erased, programme: 'AMIL', occurredOn: '2026-01-15' }),
      buildEvent('meic.beneficiary.assessed.v1', { ...erased, occurredOn: '2026-01-16', assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }),
      buildEvent('meic.beneficiary.erased.v1', { siteCode: erased.siteCode, country: erased.country, occurredOn: '2026-06-01', beneficiaryId: erased.beneficiaryId }),
    ];
    await h.send(events);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  const empty = {
    vocationalEnrolledOn: '',
    internshipStartedOn: '',
    internshipEndedOn: '',
    followedUp6On: '',
    followedUp12On: '',
    employed6On: '',
    employed12On: '',
    mentoredOn: '',
  };
  // Days from enrolment: A 2026-01-10 → 05-10 = 21 + 28 + 31 + 30 + 10 = 120 (Jan 10→31 is 21, then Feb, Mar, Apr, 10 of May);
  // B 2026-02-01 → 03-15 = 28 + 14 = 42; C 2026-03-01 → 10-01 = 31+30+31+30+31+31+30 = 214.
  const expected = [
    {
      pid: pseudonymOf(KEY, c.beneficiaryId),
      site: 'CY-NIC', country: 'CY', programme: 'AMIR', sex: 'female', ageBand: '40-54', legalStatus: 'subsidiary_protection', citizenship: 'SY',
      enrolledOn: '2026-03-01', assessedOn: '', courseEnrolledOn: '', courseCompletedOn: '', l2EnrolledOn: '', l2LeftOn: '', l2ImprovedOn: '',
      placedOn: '', followedUp3On: '', employed3On: '', droppedOutOn: '', ...empty,
      firstContractType: '', employedAt3: '', employedAt6: '', employedAt12: '',
      days: '214', placed: 'false', censoredOn: AS_OF, censorReason: 'evaluation-date',
    },
    {
      pid: pseudonymOf(KEY, a.beneficiaryId),
      site: 'IT-RM', country: 'IT', programme: 'AMIL', sex: 'female', ageBand: '25-29', legalStatus: 'refugee', citizenship: 'AF',
      enrolledOn: '2026-01-10', assessedOn: '2026-01-20', courseEnrolledOn: '2026-02-01', courseCompletedOn: '2026-04-01', l2EnrolledOn: '2026-02-01', l2LeftOn: '2026-04-01', l2ImprovedOn: '2026-04-01',
      placedOn: '2026-05-10', followedUp3On: '2026-08-12', employed3On: '2026-08-12', droppedOutOn: '', ...empty,
      firstContractType: 'permanent', employedAt3: 'true', employedAt6: '', employedAt12: '',
      days: '120', placed: 'true', censoredOn: '', censorReason: '',
    },
    {
      pid: pseudonymOf(KEY, b.beneficiaryId),
      site: 'IT-RM', country: 'IT', programme: 'AMIL', sex: 'male', ageBand: '30-39', legalStatus: 'asylum_seeker', citizenship: 'NG',
      enrolledOn: '2026-02-01', assessedOn: '', courseEnrolledOn: '', courseCompletedOn: '', l2EnrolledOn: '', l2LeftOn: '', l2ImprovedOn: '',
      placedOn: '', followedUp3On: '', employed3On: '', droppedOutOn: '2026-03-15', ...empty,
      firstContractType: '', employedAt3: '', employedAt6: '', employedAt12: '',
      days: '42', placed: 'false', censoredOn: '2026-03-15', censorReason: 'dropout',
    },
  ];

  it('as evaluator: a CSV attachment with one row per participant, their step dates and censoring; no erased person, no beneficiary id', async () => {
    const res = await h.getRaw(`/v1/exports/participants.csv?asOf=${AS_OF}`, { role: 'evaluator' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="meic-participants-${AS_OF}.csv"`);
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows).toEqual(expected);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toContain(pseudonymOf(KEY, erased.beneficiaryId));
  });

  it('filters by site and by enrolment date', async () => {
    const bySite = parseCsv(await (await h.getRaw(`/v1/exports/participants.csv?asOf=${AS_OF}&site=CY-NIC`, { role: 'admin' })).text());
    expect(bySite.map((r) => r.pid)).toEqual([pseudonymOf(KEY, c.beneficiaryId)]);
    // Enrolled 2026-01-10 (A), 02-01 (B), 03-01 (C): only B falls in February.
    const february = parseCsv(await (await h.getRaw(`/v1/exports/participants.csv?asOf=${AS_OF}&from=2026-02-01&to=2026-02-28`, { role: 'admin' })).text());
    expect(february.map((r) => r.pid)).toEqual([pseudonymOf(KEY, b.beneficiaryId)]);
  });

  it('as Parquet: the same rows, typed', async () => {
    const res = await h.getRaw(`/v1/exports/participants.parquet?asOf=${AS_OF}`, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="meic-participants-${AS_OF}.parquet"`);
    const bytes = await res.arrayBuffer();
    const text = Buffer.from(bytes).toString('latin1');
    for (const id of ids) expect(text).not.toContain(id);
    const rows = readParquet(bytes);
    // A Parquet DATE, read as a date (JSON: midnight UTC), a boolean and a 32-bit integer.
    expect(rows[1]?.['placedOn']).toBe('2026-05-10T00:00:00.000Z');
    expect(rows[1]?.['placed']).toBe(true);
    expect(rows[1]?.['days']).toBe(120);
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asCsv(v)])))).toEqual(expected);
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
