import { signTestToken } from '@meic/testing';
import { ApiClient } from '../api/api-client';
import { startStack, type StackHarness } from '../testing/stack-harness';
import { createRecordWriter, type RecordWriter } from './record-writer';
import type { RecordRow, RecordType } from './record-types';

const SITE = 'IT-WR';

const personRow = (ref: string): RecordRow => ({
  ref,
  enrolledOn: '2026-02-02',
  'person.givenName': 'Writer',
  'person.familyName': 'Testperson',
  'person.birthDate': '1990-01-01',
  sex: 'female',
  citizenship: 'NG',
  legalStatus: 'refugee',
  arrivalYear: '2022',
  educationIsced: '3',
  languages: 'en:C1',
  'consent.dataProcessing': 'true',
  'consent.evaluationFollowUp': 'true',
  'consent.recordedOn': '2026-02-02',
});

describe('the record writer: every type once, however often and from however many writers', () => {
  let stack: StackHarness;
  let client: ApiClient;
  let courseId: string;

  beforeAll(async () => {
    stack = await startStack();
    const token = await signTestToken({ role: 'admin', sites: [], sub: 'record-writer-test' });
    client = new ApiClient({ urls: stack.urls, token, unavailableWaitMs: 10_000, referenceWaitMs: 20_000 });
    await client.write('stakeholders', 'POST', '/v1/sites', {
      code: SITE,
      name: 'Writer test',
      country: 'IT',
      city: 'Roma',
      programme: 'AMIR',
      clusterName: 'Writer test cluster',
      startedOn: '2026-01-15',
      defaultLanguage: 'it',
      targets: { enrolled: 10, placed: 3, womenSharePct: 50 },
    });
    const provider = await client.write<{ id: string }>('stakeholders', 'POST', '/v1/organisations', { name: 'Provider', type: 'vet_provider', siteCode: SITE, joinedOn: '2026-01-20' });
    await client.write('stakeholders', 'POST', '/v1/organisations', { name: 'Host', type: 'enterprise', siteCode: SITE, naceSector: 'C', joinedOn: '2026-01-20' });
    await client.write('stakeholders', 'POST', '/v1/mentors', { siteCode: SITE, displayName: 'Mentor One', languages: ['it', 'en'], areas: ['work', 'housing'] });
    const course = await client.write<{ id: string }>('trainings', 'POST', '/v1/courses', {
      siteCode: SITE,
      type: 'l2_language',
      title: 'Italiano A2',
      providerOrgId: provider.body.id,
      hours: 80,
      startsOn: '2026-02-16',
      endsOn: '2026-05-29',
      cefrTarget: 'A2',
    });
    courseId = course.body.id;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const twice = async (writer: RecordWriter, type: RecordType, row: RecordRow) => [(await writer.write(type, row)).status, (await writer.write(type, row)).status];

  it('writes each type, and a second write (same or new writer) changes nothing', async () => {
    const writer = createRecordWriter(client, SITE);
    expect(await twice(writer, 'beneficiaries', personRow('WR-1'))).toEqual(['created', 'unchanged']);
    const steps: [RecordType, RecordRow][] = [
      ['assessments', { beneficiaryRef: 'WR-1', assessedOn: '2026-02-10', barriers: 'language;housing', recommendedActivities: 'l2_language', skills: 'tailoring' }],
      ['enrolments', { beneficiaryRef: 'WR-1', courseTitle: 'Italiano A2', enrolledOn: '2026-02-16', cefrLevelAtStart: 'A1' }],
      ['completions', { beneficiaryRef: 'WR-1', courseTitle: 'Italiano A2', outcome: 'completed', completedOn: '2026-05-29', hoursAttended: '72', cefrLevelReached: 'A2' }],
      ['internships', { beneficiaryRef: 'WR-1', hostOrg: 'Host', startedOn: '2026-06-01', plannedEndOn: '2026-08-31', endedOn: '2026-08-31', outcome: 'hired' }],
      ['mentoring-matches', { beneficiaryRef: 'WR-1', mentor: 'Mentor One', areas: 'work', startedOn: '2026-02-20', endedOn: '2026-06-20' }],
      ['placements', { beneficiaryRef: 'WR-1', employerOrg: 'Host', contractType: 'permanent', hoursPerWeek: '38', naceSector: 'C', startedOn: '2026-09-01' }],
      ['follow-ups', { beneficiaryRef: 'WR-1', monthsAfterPlacement: '3', employed: 'true', recordedOn: '2026-12-01' }],
    ];
    for (const [type, row] of steps) expect([type, ...(await twice(writer, type, row))]).toEqual([type, 'created', 'unchanged']);

    // Another machine, with nothing cached, finds it all too.
    const fresh = createRecordWriter(client, SITE);
    for (const [type, row] of steps) expect([type, (await fresh.write(type, row)).status]).toEqual([type, 'unchanged']);

    const [person] = (await client.read<{ items: { id: string }[] }>('beneficiaries', `/v1/beneficiaries?siteCode=${SITE}&ref=WR-1`)).items;
    const id = person?.id ?? '';
    expect(await client.readAll('beneficiaries', `/v1/beneficiaries/${id}/assessments`)).toHaveLength(1);
    const internships = await client.readAll<{ endedOn: string | null; outcome: string | null }>('trainings', `/v1/internships?siteCode=${SITE}&beneficiaryId=${id}`);
    expect(internships).toEqual([expect.objectContaining({ endedOn: '2026-08-31', outcome: 'hired' })]);
    const matches = await client.readAll<{ beneficiaryId: string; endedOn: string | null }>('stakeholders', `/v1/mentoring-matches?siteCode=${SITE}`);
    expect(matches.filter((m) => m.beneficiaryId === id)).toEqual([expect.objectContaining({ endedOn: '2026-06-20' })]);
    const enrolments = await client.readAll<{ beneficiaryId: string; completion: unknown }>('trainings', `/v1/courses/${courseId}/enrolments`);
    expect(enrolments.filter((e) => e.beneficiaryId === id)).toEqual([expect.objectContaining({ completion: expect.objectContaining({ outcome: 'completed' }) })]);

    expect(await twice(writer, 'dropouts', { beneficiaryRef: 'WR-1', reason: 'moved_away', on: '2027-01-10' })).toEqual(['created', 'unchanged']);
  });

  it('ends an internship started by an earlier file when a later row brings its end', async () => {
    const writer = createRecordWriter(client, SITE);
    await writer.write('beneficiaries', personRow('WR-2'));
    const started = { beneficiaryRef: 'WR-2', hostOrg: 'Host', startedOn: '2026-06-01', plannedEndOn: '2026-08-31' };
    expect((await writer.write('internships', started)).status).toBe('created');
    expect((await writer.write('internships', { ...started, endedOn: '2026-07-15', outcome: 'interrupted' })).status).toBe('created');
    expect((await writer.write('internships', { ...started, endedOn: '2026-07-15', outcome: 'interrupted' })).status).toBe('unchanged');
  });

  it('writes a row once when many writers race for it (natural key + Idempotency-Key)', async () => {
    await createRecordWriter(client, SITE).write('beneficiaries', personRow('WR-3'));
    const row = { beneficiaryRef: 'WR-3', courseTitle: 'Italiano A2', enrolledOn: '2026-02-16' };
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => createRecordWriter(client, SITE).write('enrolments', row)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['created', 'unchanged', 'unchanged', 'unchanged']);
    const racedPeople = await Promise.all(Array.from({ length: 4 }, () => createRecordWriter(client, SITE).write('beneficiaries', personRow('WR-4'))));
    expect(racedPeople.map((o) => o.status).sort()).toEqual(['created', 'unchanged', 'unchanged', 'unchanged']);
    expect((await client.read<{ items: unknown[] }>('beneficiaries', `/v1/beneficiaries?siteCode=${SITE}&ref=WR-4`)).items).toHaveLength(1);
  });

  it('checks without writing: refs from earlier rows of the same run count, unknown names are rejected by column', async () => {
    const writer = createRecordWriter(client, SITE);
    expect(await writer.check('beneficiaries', personRow('WR-NEW'))).toEqual({ status: 'created' });
    expect(await writer.check('beneficiaries', personRow('WR-NEW'))).toEqual({ status: 'unchanged' });
    expect(await writer.check('enrolments', { beneficiaryRef: 'WR-NEW', courseTitle: 'Italiano A2', enrolledOn: '2026-02-16' })).toEqual({ status: 'created' });
    expect(await writer.check('enrolments', { beneficiaryRef: 'WR-NEW', courseTitle: 'Nope', enrolledOn: '2026-02-16' })).toEqual({
      status: 'rejected',
      errors: [{ column: 'courseTitle', reason: `no course named "Nope" in site ${SITE}` }],
    });
    expect(await writer.check('dropouts', { beneficiaryRef: 'WR-GHOST', reason: 'health', on: '2026-03-01' })).toEqual({
      status: 'rejected',
      errors: [{ column: 'beneficiaryRef', reason: `no beneficiary with ref WR-GHOST in site ${SITE}` }],
    });
    expect((await client.read<{ items: unknown[] }>('beneficiaries', `/v1/beneficiaries?siteCode=${SITE}&ref=WR-NEW`)).items).toEqual([]);
  });

  it('maps a service rejection back to the column without the personal value', async () => {
    const writer = createRecordWriter(client, SITE);
    // Valid on its own, refused by the service: born after enrolment.
    const outcome = await writer.write('beneficiaries', { ...personRow('WR-5'), 'person.birthDate': '2026-05-05' });
    expect(outcome).toEqual({ status: 'rejected', errors: [{ column: 'person.birthDate', reason: 'must be before enrolledOn' }] });
    const placement = await writer.write('placements', { beneficiaryRef: 'WR-1', employerName: 'Bottega Segreta', contractType: 'permanent', hoursPerWeek: '38', naceSector: 'C', startedOn: '2020-01-01' });
    expect(placement.status).toBe('rejected');
    expect(JSON.stringify(placement)).not.toContain('Bottega');
    expect(placement).toEqual({ status: 'rejected', errors: [expect.objectContaining({ column: 'startedOn' })] });
  });
});
