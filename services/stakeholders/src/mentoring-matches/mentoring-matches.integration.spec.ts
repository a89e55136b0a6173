import { randomUUID } from 'node:crypto';
import { pollUntil } from '@meic/testing';
import { outboxRows, published, randomSiteCode, siteBody, startHarness, type Api, type Harness } from '../testing/harness';

/**
 * People are enrolled in a real beneficiaries service (the harness runs one), which this service
 * asks about them; their erasure reaches it as meic.beneficiary.erased on Kafka.
 */
describe('mentoring matches: POST/GET /v1/mentoring-matches, POST /v1/mentoring-matches/{id}/end', () => {
  let h: Harness;
  let staffA: Api;
  let staffB: Api;
  const siteA = randomSiteCode('IT');
  const siteB = randomSiteCode('ES');
  /** Beneficiary ids, and the pseudonyms their events carry. */
  const people: Record<'amina' | 'omar' | 'lina' | 'atB' | 'erased' | 'later' | 'forbidden' | 'replayed' | 'stranger', string> = { amina: '', omar: '', lina: '', atB: '', erased: '', later: '', forbidden: '', replayed: '', stranger: randomUUID() };
  const pseudonyms: Record<string, string> = {};
  let mentorA: string;
  let mentorB: string;
  const match = (overrides: Record<string, unknown> = {}) => ({ mentorId: mentorA, beneficiaryId: people.amina, areas: ['work'], startedOn: '2026-04-01', ...overrides });

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.admin.post('/v1/sites', siteBody(siteA, { programme: 'AMIR' }))).status).toBe(201);
    expect((await h.admin.post('/v1/sites', siteBody(siteB, { programme: 'AMIR', defaultLanguage: 'es' }))).status).toBe(201);
    staffA = await h.staff(siteA);
    staffB = await h.staff(siteB);
    mentorA = (await staffA.post('/v1/mentors', { siteCode: siteA, displayName: 'Samira K.', languages: ['ar', 'it'], areas: ['work', 'housing'] })).body.id;
    mentorB = (await staffB.post('/v1/mentors', { siteCode: siteB, displayName: 'Jorge P.', languages: ['es'], areas: ['financial_literacy'] })).body.id;

    const enrolled: [keyof typeof people, string, Record<string, string>][] = [
      ['amina', siteA, {}],
      ['omar', siteA, { sex: 'male', ageBand: '30-39', citizenship: 'SY', legalStatus: 'subsidiary_protection' }],
      ['lina', siteA, { citizenship: 'AF', legalStatus: 'asylum_seeker' }],
      ['atB', siteB, {}],
      ['erased', siteA, {}],
      ['later', siteA, {}],
      ['forbidden', siteA, {}],
      ['replayed', siteA, {}],
    ];
    for (const [name, site, attrs] of enrolled) {
      const { id, pseudonym } = await h.beneficiaries.enrol(site, attrs);
      people[name] = id;
      pseudonyms[name] = pseudonym;
    }
    await h.beneficiaries.erase(people.erased);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/mentoring-matches', () => {
    it('starts a match: 201, row, and meic.mentoring.started keyed by the beneficiary with coarse attributes only', async () => {
      const res = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.omar, areas: ['work', 'housing'] }));
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect(res.body).toEqual({
        id: expect.any(String),
        mentorId: mentorA,
        beneficiaryId: people.omar,
        siteCode: siteA,
        areas: ['work', 'housing'],
        startedOn: '2026-04-01',
        endedOn: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const { rows } = await h.db.query("SELECT mentor_id, beneficiary_id, site_code, areas, to_char(started_on, 'YYYY-MM-DD') AS started_on FROM mentoring_matches WHERE id = $1", [id]);
      expect(rows).toEqual([{ mentor_id: mentorA, beneficiary_id: people.omar, site_code: siteA, areas: ['work', 'housing'], started_on: '2026-04-01' }]);

      const [event] = await published('meic.mentoring.started.v2', (e) => e.data['matchId'] === id);
      expect(event!.key).toBe(pseudonyms.omar);
      expect(event!.headers).toMatchObject({ ce_subject: pseudonyms.omar, ce_source: '/meic/stakeholders', ce_specversion: '1.0' });
      expect(event!.data).toEqual({
        siteCode: siteA,
        country: 'IT',
        occurredOn: '2026-04-01',
        pseudonym: pseudonyms.omar,
        sex: 'male',
        ageBand: '30-39',
        citizenship: 'SY',
        legalStatus: 'subsidiary_protection',
        matchId: id,
        mentorId: mentorA,
        areas: ['work', 'housing'],
      });
      expect(JSON.stringify(event)).not.toContain('Samira');
    });

    it('422 for references it cannot accept, naming the field and why', async () => {
      const cases: [Record<string, unknown>, { path: string; message: string }][] = [
        [{ mentorId: randomUUID() }, { path: '/mentorId', message: 'unknown mentor' }],
        [{ beneficiaryId: people.stranger }, { path: '/beneficiaryId', message: 'unknown or erased beneficiary' }],
        [{ beneficiaryId: people.atB }, { path: '/beneficiaryId', message: `beneficiary is enrolled at another site, not ${siteA}` }],
        [{ beneficiaryId: people.erased }, { path: '/beneficiaryId', message: 'unknown or erased beneficiary' }],
        [{ beneficiaryId: people.lina, areas: ['work', 'financial_literacy'] }, { path: '/areas', message: "not among the mentor's areas: financial_literacy" }],
      ];
      for (const [overrides, error] of cases) {
        const res = await h.admin.post('/v1/mentoring-matches', match(overrides));
        expect([res.status, res.body.errors]).toEqual([422, [error]]);
        expect(res.contentType).toContain('application/problem+json');
      }
    });

    it('names invalid, missing and unknown fields, and a start before the enrolment (400)', async () => {
      const res = await staffA.post('/v1/mentoring-matches', { mentorId: 'm-1', areas: [], startedOn: '2026-13-01', notes: 'free text about the person' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/beneficiaryId', message: 'is required' },
          { path: '/notes', message: 'is not a known field' },
          expect.objectContaining({ path: '/mentorId' }),
          expect.objectContaining({ path: '/areas' }),
          expect.objectContaining({ path: '/startedOn' }),
        ]),
      );
      const early = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.lina, startedOn: '2026-03-01' }));
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual([{ path: '/startedOn', message: "must not be before the beneficiary's enrolment on 2026-03-02" }]);
    });

    it('refuses a second open match of the same mentor and beneficiary (409)', async () => {
      expect((await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.lina }))).status).toBe(201);
      expect((await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.lina, areas: ['housing'] }))).status).toBe(409);
    });

    it("401 without a token; 403 for leads, evaluators and site_staff of another site than the mentor's", async () => {
      const body = match({ beneficiaryId: people.later });
      expect((await h.anonymous.post('/v1/mentoring-matches', body)).status).toBe(401);
      expect((await h.lead.post('/v1/mentoring-matches', body)).status).toBe(403);
      expect((await h.evaluator.post('/v1/mentoring-matches', body)).status).toBe(403);
      expect((await staffB.post('/v1/mentoring-matches', body)).status).toBe(403);
      expect((await staffB.post('/v1/mentoring-matches', { ...body, mentorId: mentorB, areas: ['financial_literacy'] })).status).toBe(422);
    });

    it('honours Idempotency-Key: one row and one event for a replay; another body is a 409', async () => {
      const body = match({ beneficiaryId: people.later });
      const first = await staffA.post('/v1/mentoring-matches', body, { 'idempotency-key': `match-${people.later}` });
      const replay = await staffA.post('/v1/mentoring-matches', body, { 'idempotency-key': `match-${people.later}` });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      expect((await h.db.query('SELECT 1 FROM mentoring_matches WHERE beneficiary_id = $1', [people.later])).rowCount).toBe(1);
      expect(await outboxRows(h.db, pseudonyms.later)).toHaveLength(1);
      expect((await staffA.post('/v1/mentoring-matches', { ...body, areas: ['housing'] }, { 'idempotency-key': `match-${people.later}` })).status).toBe(409);
    });
  });

  describe('POST /v1/mentoring-matches/{id}/end', () => {
    it('ends a match and publishes meic.mentoring.ended; a second end is a 409', async () => {
      const { body: started } = await staffA.post('/v1/mentoring-matches', match({ startedOn: '2026-04-15' }));
      const res = await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-09-30' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: started.id, startedOn: '2026-04-15', endedOn: '2026-09-30' });

      const [event] = await published('meic.mentoring.ended.v2', (e) => e.data['matchId'] === started.id);
      expect(event!.key).toBe(pseudonyms.amina);
      expect(event!.data).toEqual({
        siteCode: siteA,
        country: 'IT',
        occurredOn: '2026-09-30',
        pseudonym: pseudonyms.amina,
        sex: 'female',
        ageBand: '25-29',
        citizenship: 'ML',
        legalStatus: 'refugee',
        matchId: started.id,
        mentorId: mentorA,
        startedOn: '2026-04-15',
      });
      expect((await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-10-01' })).status).toBe(409);
    });

    it('refuses an end before the start (400 naming /endedOn) and bad bodies', async () => {
      const { body: started } = await h.admin.post('/v1/mentoring-matches', match({ areas: ['housing'], startedOn: '2026-05-01' }));
      const early = await h.admin.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-04-30' });
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual([{ path: '/endedOn', message: 'must not be before the start date 2026-05-01' }]);
      const invalid = await h.admin.post(`/v1/mentoring-matches/${started.id}/end`, { reason: 'moved' });
      expect(invalid.body.errors).toEqual(expect.arrayContaining([{ path: '/endedOn', message: 'is required' }, { path: '/reason', message: 'is not a known field' }]));
      expect((await h.admin.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-05-01' })).status).toBe(200);
    });

    it('404 unknown; 401 without a token; 403 for leads, evaluators and site_staff of another site', async () => {
      const { body: started } = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.forbidden }));
      expect(started.id).toBeDefined();
      expect((await h.admin.post(`/v1/mentoring-matches/${randomUUID()}/end`, { endedOn: '2026-06-30' })).status).toBe(404);
      expect((await h.anonymous.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-06-30' })).status).toBe(401);
      expect((await h.lead.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-06-30' })).status).toBe(403);
      expect((await h.evaluator.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-06-30' })).status).toBe(403);
      expect((await staffB.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-06-30' })).status).toBe(403);
    });

    it('honours Idempotency-Key: the replay is the first response, not a 409', async () => {
      const { body: started } = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: people.replayed }));
      const key = `end-${started.id}`;
      const first = await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-12-31' }, { 'idempotency-key': key });
      const replay = await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-12-31' }, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      expect(replay).toEqual(first);
      expect((await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-11-30' }, { 'idempotency-key': key })).status).toBe(409);
    });

    it('deletes the matches of an erased person: gone from reads and writes, and no new match', async () => {
      const { id: person, pseudonym } = await h.beneficiaries.enrol(siteA, { sex: 'other' });
      const { body: started } = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: person }), { 'idempotency-key': `match-${person}` });
      expect(started.id).toBeDefined();
      await h.beneficiaries.erase(person);
      await pollUntil('the erasure to reach stakeholders', async () => (await h.db.query('SELECT 1 FROM erased_people WHERE pseudonym = $1', [pseudonym])).rowCount === 1);

      expect((await staffA.get(`/v1/mentoring-matches/${started.id}`)).status).toBe(404);
      expect((await staffA.post(`/v1/mentoring-matches/${started.id}/end`, { endedOn: '2026-05-31' })).status).toBe(404);
      const again = await staffA.post('/v1/mentoring-matches', match({ beneficiaryId: person, startedOn: '2026-06-01' }));
      expect([again.status, again.body.errors]).toEqual([422, [{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]]);
      // Nothing here links to the erased id any more, stored Idempotency-Key responses included.
      const dump = await h.db.query(`SELECT string_agg(t, ' ') AS all FROM (
        SELECT row_to_json(m)::text AS t FROM mentoring_matches m UNION ALL SELECT row_to_json(k)::text FROM known_beneficiaries k
        UNION ALL SELECT row_to_json(x)::text FROM idempotency_keys x) y`);
      expect(dump.rows[0].all ?? '').not.toContain(person);
    });
  });

  describe('GET /v1/mentoring-matches and /v1/mentoring-matches/{id}', () => {
    let mentorC: string;
    const matchIds: string[] = [];

    beforeAll(async () => {
      mentorC = (await h.admin.post('/v1/mentors', { siteCode: siteA, displayName: 'Third', languages: ['it'], areas: ['work'] })).body.id;
      for (const beneficiaryId of [people.amina, people.omar, people.lina]) {
        const res = await h.admin.post('/v1/mentoring-matches', match({ mentorId: mentorC, beneficiaryId }));
        expect(res.status).toBe(201);
        matchIds.push(res.body.id);
      }
      expect((await staffB.post('/v1/mentoring-matches', { mentorId: mentorB, beneficiaryId: people.atB, areas: ['financial_literacy'], startedOn: '2026-04-01' })).status).toBe(201);
    });

    it('pages through the matches of a mentor in creation order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.admin.get(`/v1/mentoring-matches?mentorId=${mentorC}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((m: { id: string }) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(matchIds);
    });

    it('filters by site', async () => {
      const atB = await h.admin.get(`/v1/mentoring-matches?siteCode=${siteB}`);
      expect(atB.body.items.map((m: { beneficiaryId: string }) => m.beneficiaryId)).toEqual([people.atB]);
      const atA = await h.admin.get(`/v1/mentoring-matches?siteCode=${siteA}&limit=500`);
      expect(atA.body.items.every((m: { siteCode: string }) => m.siteCode === siteA)).toBe(true);
      expect((await h.admin.get('/v1/mentoring-matches?mentorId=nope')).body.errors).toEqual([expect.objectContaining({ path: '/mentorId' })]);
      expect((await h.admin.get('/v1/mentoring-matches?beneficiaryId=x')).body.errors).toEqual([{ path: '/beneficiaryId', message: 'is not a known field' }]);
    });

    it('is person-level: admin and site_staff of the site; not consortium leads nor evaluators (extracts only); 401 without a token', async () => {
      expect((await h.lead.get('/v1/mentoring-matches')).status).toBe(403);
      expect((await h.lead.get(`/v1/mentoring-matches/${matchIds[0]}`)).status).toBe(403);
      expect((await h.anonymous.get('/v1/mentoring-matches')).status).toBe(401);
      const mine = await staffB.get('/v1/mentoring-matches?limit=500');
      expect(mine.body.items.map((m: { siteCode: string }) => m.siteCode)).toEqual([siteB]);
      expect((await staffB.get(`/v1/mentoring-matches?siteCode=${siteA}`)).status).toBe(403);
      expect((await staffB.get(`/v1/mentoring-matches/${matchIds[0]}`)).status).toBe(403);
      expect((await staffA.get(`/v1/mentoring-matches/${matchIds[0]}`)).body).toMatchObject({ id: matchIds[0], mentorId: mentorC });
      expect((await h.evaluator.get('/v1/mentoring-matches')).status).toBe(403);
      expect((await h.evaluator.get(`/v1/mentoring-matches/${matchIds[0]}`)).status).toBe(403);
      expect((await h.admin.get(`/v1/mentoring-matches/${randomUUID()}`)).status).toBe(404);
      expect((await h.admin.get('/v1/mentoring-matches/x')).status).toBe(400);
    });

    it('audits every read of these person-level records, one entry per record returned', async () => {
      await h.admin.get(`/v1/mentoring-matches/${matchIds[1]}`);
      const audit = await h.admin.get(`/v1/audit-log?resourceType=mentoring-match&resourceId=${matchIds[1]}`);
      expect(audit.body.items.map((e: { actor: string; action: string; siteCode: string }) => [e.actor, e.action, e.siteCode])).toEqual(
        expect.arrayContaining([
          ['test-admin', 'read /v1/mentoring-matches/:id', siteA],
          ['test-admin', 'read /v1/mentoring-matches', siteA],
          ['test-admin', 'POST /v1/mentoring-matches', siteA],
        ]),
      );
    });
  });
});
