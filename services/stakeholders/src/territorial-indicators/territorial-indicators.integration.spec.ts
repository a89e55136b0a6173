import { outboxRows, published, randomSiteCode, siteBody, startHarness, type Api, type Harness } from '../testing/harness';

describe('territorial indicators: POST/GET /v1/sites/{code}/territorial-indicators', () => {
  let h: Harness;
  let staffA: Api;
  let staffB: Api;
  const siteA = randomSiteCode('CY');
  const siteB = randomSiteCode('GR');
  const path = (code: string) => `/v1/sites/${code}/territorial-indicators`;
  const value = (overrides: Record<string, unknown> = {}) => ({ key: 'unemployment_rate_pct', value: 7.9, referenceYear: 2025, source: 'CYSTAT Labour Force Survey', ...overrides });

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.admin.post('/v1/sites', siteBody(siteA, { defaultLanguage: 'el' }))).status).toBe(201);
    expect((await h.admin.post('/v1/sites', siteBody(siteB, { defaultLanguage: 'el' }))).status).toBe(201);
    staffA = await h.staff(siteA);
    staffB = await h.staff(siteB);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('POST', () => {
    it('records a value: 201, row, and meic.territorial-indicator.recorded keyed by the site', async () => {
      const res = await staffA.post(path(siteA), value());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), siteCode: siteA, key: 'unemployment_rate_pct', value: 7.9, referenceYear: 2025, source: 'CYSTAT Labour Force Survey', createdAt: expect.any(String) });
      const { rows } = await h.db.query('SELECT site_code, key, value, reference_year FROM territorial_indicators WHERE id = $1', [res.body.id]);
      expect(rows).toEqual([{ site_code: siteA, key: 'unemployment_rate_pct', value: 7.9, reference_year: 2025 }]);

      const [event] = await published('meic.territorial-indicator.recorded.v1', (e) => e.key === siteA && e.data['key'] === 'unemployment_rate_pct');
      expect(event!.headers).toMatchObject({ ce_subject: siteA, ce_source: '/meic/stakeholders' });
      expect(event!.data).toEqual({
        siteCode: siteA,
        country: 'CY',
        occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        key: 'unemployment_rate_pct',
        value: 7.9,
        referenceYear: 2025,
        source: 'CYSTAT Labour Force Survey',
      });
    });

    it('keeps one value per site, key and reference year (409); another year or site is fine', async () => {
      const body = value({ key: 'firms_per_1000_inhabitants', value: 61.2 });
      expect((await staffA.post(path(siteA), body)).status).toBe(201);
      const again = await staffA.post(path(siteA), { ...body, value: 62 });
      expect(again.status).toBe(409);
      expect(again.contentType).toContain('application/problem+json');
      expect((await staffA.post(path(siteA), { ...body, referenceYear: 2024 })).status).toBe(201);
      expect((await staffB.post(path(siteB), body)).status).toBe(201);
    });

    it('names every invalid, missing and unknown field (400)', async () => {
      const res = await staffA.post(path(siteA), { key: 'Unemployment Rate', value: '7.9', referenceYear: 1850, unit: '%' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/source', message: 'is required' },
          { path: '/unit', message: 'is not a known field' },
          expect.objectContaining({ path: '/key' }),
          expect.objectContaining({ path: '/value' }),
          expect.objectContaining({ path: '/referenceYear' }),
        ]),
      );
    });

    it('404 for a site that does not exist', async () => {
      expect((await h.admin.post(path(randomSiteCode('HU')), value())).status).toBe(404);
    });

    it('401 without a token; 403 for leads, evaluators and site_staff of another site', async () => {
      const body = value({ key: 'employment_centres_per_100k' });
      expect((await h.anonymous.post(path(siteA), body)).status).toBe(401);
      expect((await h.lead.post(path(siteA), body)).status).toBe(403);
      expect((await h.evaluator.post(path(siteA), body)).status).toBe(403);
      expect((await staffB.post(path(siteA), body)).status).toBe(403);
      expect((await staffB.post(path(randomSiteCode('HU')), body)).status).toBe(403);
    });

    it('honours Idempotency-Key: one row and one event for a replay; another body is a 409', async () => {
      const body = value({ key: 'median_rent_eur', value: 650 });
      const first = await h.admin.post(path(siteB), body, { 'idempotency-key': `ind-${siteB}` });
      const replay = await h.admin.post(path(siteB), body, { 'idempotency-key': `ind-${siteB}` });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      expect((await h.db.query('SELECT 1 FROM territorial_indicators WHERE site_code = $1 AND key = $2', [siteB, 'median_rent_eur'])).rowCount).toBe(1);
      const events = (await outboxRows(h.db, siteB)).filter((r) => JSON.parse(r.value).key === 'median_rent_eur');
      expect(events).toHaveLength(1);
      expect((await h.admin.post(path(siteB), { ...body, value: 700 }, { 'idempotency-key': `ind-${siteB}` })).status).toBe(409);
    });
  });

  describe('GET', () => {
    const site = randomSiteCode('SE');

    beforeAll(async () => {
      expect((await h.admin.post('/v1/sites', siteBody(site, { programme: 'AMIR', defaultLanguage: 'sv' }))).status).toBe(201);
      for (const [key, referenceYear] of [
        ['unemployment_rate_pct', 2023],
        ['unemployment_rate_pct', 2024],
        ['unemployment_rate_pct', 2025],
        ['firms_per_1000_inhabitants', 2025],
        ['employment_centres_per_100k', 2025],
      ] as const) {
        expect((await h.admin.post(path(site), value({ key, referenceYear }))).status).toBe(201);
      }
    });

    it('pages through the values of a site in recording order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await h.lead.get(`${path(site)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((i: { key: string; referenceYear: number }) => `${i.key}/${i.referenceYear}`));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['unemployment_rate_pct/2023', 'unemployment_rate_pct/2024', 'unemployment_rate_pct/2025', 'firms_per_1000_inhabitants/2025', 'employment_centres_per_100k/2025']);
    });

    it('filters by key and reference year', async () => {
      const unemployment = await h.evaluator.get(`${path(site)}?key=unemployment_rate_pct`);
      expect(unemployment.body.items.map((i: { referenceYear: number }) => i.referenceYear)).toEqual([2023, 2024, 2025]);
      const y2025 = await h.evaluator.get(`${path(site)}?referenceYear=2025&key=firms_per_1000_inhabitants`);
      expect(y2025.body.items).toHaveLength(1);
      expect((await h.evaluator.get(`${path(site)}?referenceYear=last`)).body.errors).toEqual([expect.objectContaining({ path: '/referenceYear' })]);
      expect((await h.evaluator.get(`${path(site)}?year=2025`)).body.errors).toEqual([{ path: '/year', message: 'is not a known field' }]);
    });

    it('lets every role read, site_staff only at their sites; 404 unknown site; 401 without a token', async () => {
      expect((await h.admin.get(path(siteA))).status).toBe(200);
      expect((await staffA.get(path(siteA))).body.items.length).toBeGreaterThan(0);
      expect((await staffA.get(path(site))).status).toBe(403);
      expect((await h.admin.get(path(randomSiteCode('HU')))).status).toBe(404);
      expect((await h.anonymous.get(path(site))).status).toBe(401);
    });
  });
});
