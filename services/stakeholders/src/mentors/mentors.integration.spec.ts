import { randomUUID } from 'node:crypto';
import { outboxRows, published, randomSiteCode, siteBody, startHarness, type Api, type Harness } from '../testing/harness';

describe('mentors: POST/GET /v1/mentors', () => {
  let h: Harness;
  let staffA: Api;
  let staffB: Api;
  const siteA = randomSiteCode('DE');
  const siteB = randomSiteCode('FR');
  const mentor = (overrides: Record<string, unknown> = {}) => ({ siteCode: siteA, displayName: `Mentor ${randomUUID().slice(0, 6)}`, languages: ['ar', 'de'], areas: ['work', 'housing'], ...overrides });

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.admin.post('/v1/sites', siteBody(siteA, { programme: 'AMIR', defaultLanguage: 'de' }))).status).toBe(201);
    expect((await h.admin.post('/v1/sites', siteBody(siteB, { programme: 'AMIR', defaultLanguage: 'fr' }))).status).toBe(201);
    staffA = await h.staff(siteA);
    staffB = await h.staff(siteB);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/mentors', () => {
    it('registers a mentor: 201, row, and meic.mentor.registered keyed by id, without the display name', async () => {
      const res = await staffA.post('/v1/mentors', mentor({ displayName: 'Yusuf Al-Hakim' }));
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect(res.body).toEqual({ id: expect.any(String), siteCode: siteA, displayName: 'Yusuf Al-Hakim', languages: ['ar', 'de'], areas: ['work', 'housing'], createdAt: expect.any(String) });
      const { rows } = await h.db.query('SELECT site_code, display_name, languages, areas FROM mentors WHERE id = $1', [id]);
      expect(rows).toEqual([{ site_code: siteA, display_name: 'Yusuf Al-Hakim', languages: ['ar', 'de'], areas: ['work', 'housing'] }]);

      const [event] = await published('meic.mentor.registered.v1', (e) => e.key === id);
      expect(event!.headers).toMatchObject({ ce_subject: id, ce_source: '/meic/stakeholders', ce_specversion: '1.0' });
      expect(event!.data).toEqual({ siteCode: siteA, country: 'DE', occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), mentorId: id, languages: ['ar', 'de'], areas: ['work', 'housing'] });
      expect(JSON.stringify(event)).not.toMatch(/Yusuf|Hakim/);
    });

    it('names every invalid, missing and unknown field (400)', async () => {
      const res = await staffA.post('/v1/mentors', { siteCode: siteA, languages: ['Arabic'], areas: ['work', 'work', 'cooking'], phone: '+49 170 000000' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/displayName', message: 'is required' },
          { path: '/phone', message: 'is not a known field' },
          expect.objectContaining({ path: '/languages/0' }),
          { path: '/areas/2', message: 'must be equal to one of the allowed values' },
          expect.objectContaining({ path: '/areas' }),
        ]),
      );
      const empty = await staffA.post('/v1/mentors', mentor({ areas: [] }));
      expect(empty.body.errors).toEqual([expect.objectContaining({ path: '/areas' })]);
    });

    it('refuses a site it does not know with 422 naming /siteCode', async () => {
      const res = await h.admin.post('/v1/mentors', mentor({ siteCode: randomSiteCode('SE') }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: '/siteCode', message: 'unknown site' }]);
    });

    it('401 without a token; 403 for leads, evaluators and site_staff of another site', async () => {
      expect((await h.anonymous.post('/v1/mentors', mentor())).status).toBe(401);
      expect((await h.lead.post('/v1/mentors', mentor())).status).toBe(403);
      expect((await h.evaluator.post('/v1/mentors', mentor())).status).toBe(403);
      expect((await staffB.post('/v1/mentors', mentor())).status).toBe(403);
    });

    it('honours Idempotency-Key: one row and one event for a replay; another body is a 409', async () => {
      const body = mentor({ siteCode: siteB });
      const first = await staffB.post('/v1/mentors', body, { 'idempotency-key': `mentor-${body.displayName}` });
      const replay = await staffB.post('/v1/mentors', body, { 'idempotency-key': `mentor-${body.displayName}` });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      expect((await h.db.query('SELECT 1 FROM mentors WHERE display_name = $1', [body.displayName])).rowCount).toBe(1);
      expect(await outboxRows(h.db, first.body.id)).toHaveLength(1);
      expect((await staffB.post('/v1/mentors', { ...body, areas: ['work'] }, { 'idempotency-key': `mentor-${body.displayName}` })).status).toBe(409);
    });
  });

  describe('GET /v1/mentors and /v1/mentors/{id}', () => {
    const site = randomSiteCode('HU');
    const ids: string[] = [];

    beforeAll(async () => {
      expect((await h.admin.post('/v1/sites', siteBody(site, { programme: 'AMIR', defaultLanguage: 'hu' }))).status).toBe(201);
      for (let i = 0; i < 3; i++) {
        const res = await h.admin.post('/v1/mentors', mentor({ siteCode: site }));
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
    });

    it('pages through the mentors of a site in registration order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.evaluator.get(`/v1/mentors?siteCode=${site}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((m: { id: string }) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      expect((await h.evaluator.get('/v1/mentors?cursor=abc')).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
      expect((await h.evaluator.get('/v1/mentors?area=work')).body.errors).toEqual([{ path: '/area', message: 'is not a known field' }]);
    });

    it('confines site_staff to their sites; other roles see every site', async () => {
      const mine = await staffA.get('/v1/mentors?limit=500');
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((m: { siteCode: string }) => m.siteCode === siteA)).toBe(true);
      expect((await staffA.get(`/v1/mentors?siteCode=${site}`)).status).toBe(403);
      expect((await staffA.get(`/v1/mentors/${ids[0]}`)).status).toBe(403);
      const all = await h.lead.get('/v1/mentors?limit=500');
      expect(new Set(all.body.items.map((m: { siteCode: string }) => m.siteCode))).toEqual(new Set([siteA, siteB, site]));
    });

    it('returns one mentor; 404 unknown; 400 malformed id; 401 without a token', async () => {
      const one = await h.lead.get(`/v1/mentors/${ids[1]}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: ids[1], siteCode: site });
      expect((await h.admin.get(`/v1/mentors/${randomUUID()}`)).status).toBe(404);
      expect((await h.admin.get('/v1/mentors/42')).status).toBe(400);
      expect((await h.anonymous.get('/v1/mentors')).status).toBe(401);
    });
  });
});
