import { randomUUID } from 'node:crypto';
import { outboxRows, published, randomSiteCode, siteBody, startHarness, type Api, type Harness } from '../testing/harness';

describe('organisations: POST/GET /v1/organisations, POST /v1/organisations/{id}/leave', () => {
  let h: Harness;
  let staffA: Api;
  let staffB: Api;
  const siteA = randomSiteCode('IT');
  const siteB = randomSiteCode('ES');
  const org = (overrides: Record<string, unknown> = {}) => ({ name: `CNA ${randomUUID().slice(0, 8)}`, type: 'employer_association', siteCode: siteA, naceSector: 'N', joinedOn: '2026-01-20', communityOfInterest: true, ...overrides });

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.admin.post('/v1/sites', siteBody(siteA))).status).toBe(201);
    expect((await h.admin.post('/v1/sites', siteBody(siteB, { programme: 'LIME', defaultLanguage: 'es' }))).status).toBe(201);
    staffA = await h.staff(siteA);
    staffB = await h.staff(siteB);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/organisations', () => {
    it('adds a cluster member: 201, row, and meic.organisation.joined keyed by its id', async () => {
      const body = org({ name: '  Camera di Commercio   Roma ', type: 'chamber_of_commerce' });
      const res = await staffA.post('/v1/organisations', body);
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        siteCode: siteA,
        name: 'Camera di Commercio Roma',
        type: 'chamber_of_commerce',
        naceSector: 'N',
        communityOfInterest: true,
        joinedOn: '2026-01-20',
        leftOn: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const { rows } = await h.db.query('SELECT site_code, name, left_on FROM organisations WHERE id = $1', [id]);
      expect(rows).toEqual([{ site_code: siteA, name: 'Camera di Commercio Roma', left_on: null }]);

      const [event] = await published('meic.organisation.joined.v1', (e) => e.key === id);
      expect(event!.headers).toMatchObject({ ce_source: '/meic/stakeholders', ce_subject: id, ce_specversion: '1.0' });
      expect(event!.data).toEqual({
        siteCode: siteA,
        country: 'IT',
        occurredOn: '2026-01-20',
        organisationId: id,
        name: 'Camera di Commercio Roma',
        type: 'chamber_of_commerce',
        naceSector: 'N',
        communityOfInterest: true,
      });
    });

    it('defaults the optional fields: no NACE sector, not in the Community of Interest', async () => {
      // undefined fields are left out of the JSON body.
      const minimal = org({ type: 'migrant_association', naceSector: undefined, communityOfInterest: undefined });
      const res = await h.admin.post('/v1/organisations', minimal);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ naceSector: null, communityOfInterest: false });
    });

    it('names every invalid, missing and unknown field (400)', async () => {
      const res = await staffA.post('/v1/organisations', { type: 'bank', siteCode: siteA, naceSector: 'Z', joinedOn: '20-01-2026', website: 'x' });
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/name', message: 'is required' },
          { path: '/website', message: 'is not a known field' },
          expect.objectContaining({ path: '/type' }),
          expect.objectContaining({ path: '/naceSector' }),
          expect.objectContaining({ path: '/joinedOn' }),
        ]),
      );
    });

    it('refuses a site it does not know with 422 naming /siteCode', async () => {
      const res = await h.admin.post('/v1/organisations', org({ siteCode: randomSiteCode('GR') }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: '/siteCode', message: 'unknown site' }]);
    });

    it('keeps names unique within a site (409), not across sites', async () => {
      const name = `Caritas ${randomUUID().slice(0, 6)}`;
      expect((await staffA.post('/v1/organisations', org({ name, type: 'civil_society_org' }))).status).toBe(201);
      expect((await staffA.post('/v1/organisations', org({ name, type: 'civil_society_org' }))).status).toBe(409);
      expect((await staffA.post('/v1/organisations', org({ name: ` ${name} ` }))).status).toBe(409);
      expect((await staffB.post('/v1/organisations', org({ name, siteCode: siteB }))).status).toBe(201);
    });

    it('401 without a token; 403 for consortium leads, evaluators and site_staff of another site', async () => {
      expect((await h.anonymous.post('/v1/organisations', org())).status).toBe(401);
      expect((await h.lead.post('/v1/organisations', org())).status).toBe(403);
      expect((await h.evaluator.post('/v1/organisations', org())).status).toBe(403);
      const other = await staffB.post('/v1/organisations', org());
      expect(other.status).toBe(403);
      expect(other.contentType).toContain('application/problem+json');
    });

    it('honours Idempotency-Key: one row and one event for a replay; another body is a 409', async () => {
      const body = org();
      const first = await staffA.post('/v1/organisations', body, { 'idempotency-key': `org-${body.name}` });
      const replay = await staffA.post('/v1/organisations', body, { 'idempotency-key': `org-${body.name}` });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      expect((await h.db.query('SELECT 1 FROM organisations WHERE name = $1', [body.name])).rowCount).toBe(1);
      expect(await outboxRows(h.db, first.body.id)).toHaveLength(1);
      expect((await staffA.post('/v1/organisations', { ...body, naceSector: 'C' }, { 'idempotency-key': `org-${body.name}` })).status).toBe(409);
    });
  });

  describe('GET /v1/organisations and /v1/organisations/{id}', () => {
    const ids: string[] = [];

    beforeAll(async () => {
      for (const type of ['vet_provider', 'vet_provider', 'university']) {
        const res = await h.admin.post('/v1/organisations', org({ siteCode: siteB, type }));
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
    });

    it('pages through a site in creation order with limit and cursor', async () => {
      const all = (await h.admin.get(`/v1/organisations?siteCode=${siteB}&limit=500`)).body.items.map((o: { id: string }) => o.id);
      expect(all).toEqual(expect.arrayContaining(ids));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await h.evaluator.get(`/v1/organisations?siteCode=${siteB}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((o: { id: string }) => o.id));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / 2));
    });

    it('filters by site and type', async () => {
      const vet = await h.lead.get(`/v1/organisations?siteCode=${siteB}&type=vet_provider`);
      expect(vet.body.items.map((o: { id: string }) => o.id)).toEqual(ids.slice(0, 2));
      const everywhere = await h.lead.get('/v1/organisations?type=university&limit=500');
      expect(everywhere.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2]]);
      expect((await h.lead.get('/v1/organisations?type=bank')).body.errors).toEqual([{ path: '/type', message: 'must be equal to one of the allowed values' }]);
      expect((await h.lead.get('/v1/organisations?site=IT-RM')).body.errors).toEqual([{ path: '/site', message: 'is not a known field' }]);
    });

    it('shows site_staff their own sites only: filtered lists, 403 for another site', async () => {
      const mine = await staffA.get('/v1/organisations?limit=500');
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((o: { siteCode: string }) => o.siteCode === siteA)).toBe(true);
      expect((await staffA.get(`/v1/organisations?siteCode=${siteB}`)).status).toBe(403);
      expect((await staffA.get(`/v1/organisations/${ids[0]}`)).status).toBe(403);
      expect((await staffB.get(`/v1/organisations/${ids[0]}`)).status).toBe(200);
    });

    it('returns one organisation; 404 unknown, 400 for a malformed id, 401 without a token', async () => {
      const one = await h.lead.get(`/v1/organisations/${ids[2]}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: ids[2], siteCode: siteB, type: 'university' });
      expect((await h.admin.get(`/v1/organisations/${randomUUID()}`)).status).toBe(404);
      const bad = await h.admin.get('/v1/organisations/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: '/id', message: 'must be a UUID' }]);
      expect((await h.anonymous.get('/v1/organisations')).status).toBe(401);
      expect((await h.anonymous.get(`/v1/organisations/${ids[2]}`)).status).toBe(401);
    });
  });

  describe('POST /v1/organisations/{id}/leave', () => {
    it('records the leaving date and publishes meic.organisation.left; a second leave is a 409', async () => {
      const created = await staffA.post('/v1/organisations', org({ type: 'trade_union', naceSector: undefined }));
      const id = created.body.id;
      const res = await staffA.post(`/v1/organisations/${id}/leave`, { leftOn: '2026-06-30' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, leftOn: '2026-06-30', joinedOn: '2026-01-20' });
      expect((await h.db.query("SELECT to_char(left_on, 'YYYY-MM-DD') AS left_on FROM organisations WHERE id = $1", [id])).rows).toEqual([{ left_on: '2026-06-30' }]);

      const [event] = await published('meic.organisation.left.v1', (e) => e.key === id);
      expect(event!.data).toEqual({ siteCode: siteA, country: 'IT', occurredOn: '2026-06-30', organisationId: id, name: created.body.name, type: 'trade_union' });

      const again = await staffA.post(`/v1/organisations/${id}/leave`, { leftOn: '2026-07-01' });
      expect(again.status).toBe(409);
      expect(await outboxRows(h.db, id)).toHaveLength(2);
    });

    it('refuses a leaving date before the joining date (400 naming /leftOn) and bad bodies', async () => {
      const { body } = await staffA.post('/v1/organisations', org());
      const early = await staffA.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-01-19' });
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual([{ path: '/leftOn', message: 'must not be before the joining date 2026-01-20' }]);
      const invalid = await staffA.post(`/v1/organisations/${body.id}/leave`, { leftOn: 'tomorrow', reason: 'x' });
      expect(invalid.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/leftOn' }), { path: '/reason', message: 'is not a known field' }]));
    });

    it('404 unknown; 401 without a token; 403 for leads, evaluators and site_staff of another site', async () => {
      const { body } = await staffA.post('/v1/organisations', org());
      expect((await h.admin.post(`/v1/organisations/${randomUUID()}/leave`, { leftOn: '2026-06-30' })).status).toBe(404);
      expect((await h.anonymous.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' })).status).toBe(401);
      expect((await h.lead.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' })).status).toBe(403);
      expect((await h.evaluator.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' })).status).toBe(403);
      expect((await staffB.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' })).status).toBe(403);
      expect((await h.admin.get(`/v1/organisations/${body.id}`)).body.leftOn).toBeNull();
    });

    it('honours Idempotency-Key: the replay is the first response, not a 409', async () => {
      const { body } = await staffA.post('/v1/organisations', org());
      const first = await staffA.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' }, { 'idempotency-key': `leave-${body.id}` });
      const replay = await staffA.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-06-30' }, { 'idempotency-key': `leave-${body.id}` });
      expect(first.status).toBe(200);
      expect(replay).toEqual(first);
      expect(await outboxRows(h.db, body.id)).toHaveLength(2);
      expect((await staffA.post(`/v1/organisations/${body.id}/leave`, { leftOn: '2026-07-31' }, { 'idempotency-key': `leave-${body.id}` })).status).toBe(409);
    });
  });
});
