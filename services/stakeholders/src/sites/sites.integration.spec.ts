import { collectEvents } from '@meic/testing';
import { TOPICS } from '@meic/contracts';
import { outboxRows, randomSiteCode, siteBody, startHarness, type Harness } from '../testing/harness';

describe('sites: POST/GET/PATCH /v1/sites', () => {
  let h: Harness;
  // Codes are random: the Kafka topic is shared by every test file of the run.
  const roma = randomSiteCode('IT');
  const torino = randomSiteCode('IT');
  const nicosia = randomSiteCode('CY');

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/sites', () => {
    it('registers a site: 201, row, outbox row, and meic.site.registered on Kafka keyed by the code', async () => {
      const res = await h.admin.post('/v1/sites', siteBody(roma, { targets: { enrolled: 120, placed: 45, womenSharePct: 40 } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...siteBody(roma), createdAt: expect.any(String), updatedAt: expect.any(String) });

      const { rows } = await h.db.query('SELECT code, country, programme, target_enrolled FROM sites WHERE code = $1', [roma]);
      expect(rows).toEqual([{ code: roma, country: 'IT', programme: 'AMIL', target_enrolled: 120 }]);

      const [event] = await collectEvents(TOPICS.stakeholders, (e) => e.key === roma && e.headers['ce_type'] === 'meic.site.registered.v1');
      expect(event!.headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/meic/stakeholders', ce_subject: roma, 'content-type': 'application/json' });
      expect(event!.data).toEqual({
        siteCode: roma,
        country: 'IT',
        occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        name: `Site ${roma}`,
        city: 'Roma',
        programme: 'AMIL',
        clusterName: `Cluster ${roma}`,
        startedOn: '2026-01-15',
        defaultLanguage: 'it',
        targets: { enrolled: 120, placed: 45, womenSharePct: 40 },
      });
    });

    it('names every invalid, missing and unknown field (400 problem+json)', async () => {
      const res = await h.admin.post('/v1/sites', { ...siteBody(randomSiteCode()), startedOn: '2026-02-30', name: undefined, targets: { enrolled: -1, placed: 1, womenSharePct: 101 }, nickname: 'x' });
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/name', message: 'is required' },
          { path: '/nickname', message: 'is not a known field' },
          expect.objectContaining({ path: '/startedOn' }),
          expect.objectContaining({ path: '/targets/enrolled' }),
          expect.objectContaining({ path: '/targets/womenSharePct' }),
        ]),
      );
    });

    it('wants the code to start with the country (400 naming /code)', async () => {
      const res = await h.admin.post('/v1/sites', siteBody(randomSiteCode('IT'), { country: 'GR' }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '/code', message: "must start with the country code 'GR-'" }]);
    });

    it('refuses a second site with the same code (409)', async () => {
      const res = await h.admin.post('/v1/sites', siteBody(roma));
      expect(res.status).toBe(409);
      expect(res.contentType).toContain('application/problem+json');
    });

    it('is for admins only: 401 without a token, 403 for every other role', async () => {
      const code = randomSiteCode();
      expect((await h.anonymous.post('/v1/sites', siteBody(code))).status).toBe(401);
      expect((await h.lead.post('/v1/sites', siteBody(code))).status).toBe(403);
      expect((await h.evaluator.post('/v1/sites', siteBody(code))).status).toBe(403);
      expect((await (await h.staff(code)).post('/v1/sites', siteBody(code))).status).toBe(403);
      expect((await h.admin.get(`/v1/sites/${code}`)).status).toBe(404);
    });

    it('honours Idempotency-Key: a replay returns the first response and writes nothing; another body is a 409', async () => {
      const code = randomSiteCode('IT');
      const first = await h.admin.post('/v1/sites', siteBody(code), { 'idempotency-key': `site-${code}` });
      const replay = await h.admin.post('/v1/sites', siteBody(code), { 'idempotency-key': `site-${code}` });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      expect((await h.db.query('SELECT 1 FROM sites WHERE code = $1', [code])).rowCount).toBe(1);
      expect(await outboxRows(h.db, code)).toHaveLength(1);
      const other = await h.admin.post('/v1/sites', siteBody(code, { city: 'Ostia' }), { 'idempotency-key': `site-${code}` });
      expect(other.status).toBe(409);
    });
  });

  describe('GET /v1/sites and /v1/sites/{code}', () => {
    beforeAll(async () => {
      expect((await h.admin.post('/v1/sites', siteBody(torino, { programme: 'LIME', city: 'Torino' }))).status).toBe(201);
      expect((await h.admin.post('/v1/sites', siteBody(nicosia, { programme: 'AMIR', city: 'Nicosia', defaultLanguage: 'el' }))).status).toBe(201);
    });

    it('pages through every site in code order with limit and cursor', async () => {
      const all = (await h.admin.get('/v1/sites?limit=500')).body.items.map((s: { code: string }) => s.code);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining([roma, torino, nicosia]));

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.admin.get(`/v1/sites?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((s: { code: string }) => s.code));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    });

    it('filters by country and programme', async () => {
      const cy = await h.lead.get('/v1/sites?country=CY');
      expect(cy.body.items.map((s: { code: string }) => s.code)).toEqual([nicosia]);
      const lime = await h.evaluator.get('/v1/sites?programme=LIME');
      expect(lime.body.items.map((s: { code: string }) => s.code)).toEqual([torino]);
      const none = await h.admin.get('/v1/sites?country=CY&programme=LIME');
      expect(none.body).toEqual({ items: [] });
    });

    it('rejects unknown and invalid query parameters and foreign cursors (400 naming them)', async () => {
      const unknown = await h.admin.get('/v1/sites?colour=red');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ path: '/colour', message: 'is not a known field' }]);
      expect((await h.admin.get('/v1/sites?limit=0')).body.errors).toEqual([expect.objectContaining({ path: '/limit' })]);
      expect((await h.admin.get('/v1/sites?country=italy')).body.errors).toEqual([expect.objectContaining({ path: '/country' })]);
      expect((await h.admin.get('/v1/sites?cursor=nonsense')).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
    });

    it('shows site_staff only their own sites', async () => {
      const staff = await h.staff(torino);
      expect((await staff.get('/v1/sites')).body.items.map((s: { code: string }) => s.code)).toEqual([torino]);
      expect((await staff.get(`/v1/sites/${torino}`)).status).toBe(200);
      expect((await staff.get(`/v1/sites/${roma}`)).status).toBe(403);
    });

    it('returns one site to every role; 404 for an unknown code; 401 without a token', async () => {
      for (const api of [h.admin, h.lead, h.evaluator]) {
        const res = await api.get(`/v1/sites/${nicosia}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ code: nicosia, country: 'CY', programme: 'AMIR', defaultLanguage: 'el' });
      }
      expect((await h.admin.get('/v1/sites/IT-NOPE')).status).toBe(404);
      expect((await h.anonymous.get('/v1/sites')).status).toBe(401);
      expect((await h.anonymous.get(`/v1/sites/${nicosia}`)).status).toBe(401);
    });
  });

  describe('PATCH /v1/sites/{code}', () => {
    const code = randomSiteCode('GR');

    beforeAll(async () => {
      expect((await h.admin.post('/v1/sites', siteBody(code, { city: 'Athina', defaultLanguage: 'el', programme: 'AMIL' }))).status).toBe(201);
    });

    it('changes the mutable fields and publishes meic.site.updated with the whole new state', async () => {
      const res = await h.admin.patch(`/v1/sites/${code}`, { name: 'Athina Kentro', targets: { enrolled: 200, placed: 80, womenSharePct: 45.5 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code, name: 'Athina Kentro', city: 'Athina', country: 'GR', programme: 'AMIL', targets: { enrolled: 200, placed: 80, womenSharePct: 45.5 } });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(res.body.createdAt));

      const { rows } = await h.db.query('SELECT name, target_enrolled, target_women_share_pct::text AS pct FROM sites WHERE code = $1', [code]);
      expect(rows).toEqual([{ name: 'Athina Kentro', target_enrolled: 200, pct: '45.50' }]);

      const [event] = await collectEvents(TOPICS.stakeholders, (e) => e.key === code && e.headers['ce_type'] === 'meic.site.updated.v1');
      expect(event!.data).toEqual({
        siteCode: code,
        country: 'GR',
        occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        name: 'Athina Kentro',
        city: 'Athina',
        programme: 'AMIL',
        clusterName: `Cluster ${code}`,
        startedOn: '2026-01-15',
        defaultLanguage: 'el',
        targets: { enrolled: 200, placed: 80, womenSharePct: 45.5 },
      });
    });

    it('publishes nothing for a PATCH that changes nothing', async () => {
      const before = await outboxRows(h.db, code);
      const same = await h.admin.patch(`/v1/sites/${code}`, { name: 'Athina Kentro', city: 'Athina' });
      expect(same.status).toBe(200);
      const empty = await h.admin.patch(`/v1/sites/${code}`, {});
      expect(empty.status).toBe(200);
      expect(empty.body.updatedAt).toBe(same.body.updatedAt);
      expect(await outboxRows(h.db, code)).toHaveLength(before.length);
    });

    it('refuses to change code, country or programme, naming each (400)', async () => {
      const res = await h.admin.patch(`/v1/sites/${code}`, { code: 'GR-XYZ', country: 'CY', programme: 'AMIR', city: 'Pireas' });
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors).toEqual([
        { path: '/code', message: 'cannot be changed once the site is registered' },
        { path: '/country', message: 'cannot be changed once the site is registered' },
        { path: '/programme', message: 'cannot be changed once the site is registered' },
      ]);
      expect((await h.admin.get(`/v1/sites/${code}`)).body.city).toBe('Athina');
    });

    it('names invalid and unknown fields, and wants targets whole (400)', async () => {
      const res = await h.admin.patch(`/v1/sites/${code}`, { startedOn: 'soon', colour: 'blue', targets: { enrolled: 1 } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: '/startedOn' }),
          { path: '/colour', message: 'is not a known field' },
          { path: '/targets/placed', message: 'is required' },
          { path: '/targets/womenSharePct', message: 'is required' },
        ]),
      );
    });

    it('404 for an unknown site', async () => {
      expect((await h.admin.patch('/v1/sites/GR-NOPE', { city: 'x' })).status).toBe(404);
    });

    it('is for admins only: 401 without a token, 403 for other roles, site_staff of the site included', async () => {
      expect((await h.anonymous.patch(`/v1/sites/${code}`, { city: 'x' })).status).toBe(401);
      expect((await h.lead.patch(`/v1/sites/${code}`, { city: 'x' })).status).toBe(403);
      expect((await h.evaluator.patch(`/v1/sites/${code}`, { city: 'x' })).status).toBe(403);
      expect((await (await h.staff(code)).patch(`/v1/sites/${code}`, { city: 'x' })).status).toBe(403);
    });

    it('honours Idempotency-Key: a replay returns the first response and publishes once; another body is a 409', async () => {
      const before = (await outboxRows(h.db, code)).length;
      const first = await h.admin.patch(`/v1/sites/${code}`, { city: 'Pireas' }, { 'idempotency-key': `patch-${code}` });
      const replay = await h.admin.patch(`/v1/sites/${code}`, { city: 'Pireas' }, { 'idempotency-key': `patch-${code}` });
      expect(first.status).toBe(200);
      expect(replay).toEqual(first);
      expect(await outboxRows(h.db, code)).toHaveLength(before + 1);
      expect((await h.admin.patch(`/v1/sites/${code}`, { city: 'Glyfada' }, { 'idempotency-key': `patch-${code}` })).status).toBe(409);
    });

    it('audits every write with the acting admin', async () => {
      const audit = await h.admin.get(`/v1/audit-log?resourceId=${code}`);
      expect(audit.body.items.map((e: { action: string; status: number }) => [e.action, e.status])).toEqual(
        expect.arrayContaining([
          ['PATCH /v1/sites/:code', 200],
          ['PATCH /v1/sites/:code', 400],
          ['POST /v1/sites', 201],
        ]),
      );
    });
  });
});
