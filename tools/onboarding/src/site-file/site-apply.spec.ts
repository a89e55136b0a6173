import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from '../api/api-client';
import { parseSiteFile } from './site-file.parser';
import { SiteFileError } from './site-file.error';
import { applySiteDefinition, describePlan, planSite } from './site-apply';
import type { SiteDefinition } from './site-definition';

const definition = (): SiteDefinition => parseSiteFile(readFileSync(join(__dirname, '../../examples/sites/it-to.yaml'), 'utf8'), 'it-to.yaml');

/** What the public GETs answer, by path; every write is recorded and answered 500 (none is expected). */
function fakeApi(state: Record<string, unknown>) {
  const writes: string[] = [];
  const fetchImpl = (async (url: string | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname + new URL(String(url)).search.replace(/[?&]limit=\d+/, '');
    if ((init?.method ?? 'GET') !== 'GET') {
      writes.push(`${init?.method} ${path}`);
      return new Response(JSON.stringify({ status: 500 }), { status: 500 });
    }
    const key = Object.keys(state).find((k) => path === k || path.startsWith(`${k}?`) || path === k.replace(/\?$/, ''));
    if (key === undefined) return new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404 });
    const body = state[key];
    return new Response(JSON.stringify(Array.isArray(body) ? { items: body, nextCursor: null } : body), { status: 200 });
  }) as typeof fetch;
  const client = new ApiClient({ urls: { stakeholders: 'http://s', trainings: 'http://t', beneficiaries: 'http://b', analytics: 'http://a' }, token: 't', fetchImpl, unavailableWaitMs: 0, referenceWaitMs: 0 });
  return { client, writes };
}

const SITE = { code: 'IT-TO', name: 'AMIL Torino', country: 'IT', city: 'Torino', programme: 'AMIL', clusterName: 'Cluster MEIC Torino', startedOn: '2026-02-02', defaultLanguage: 'it', targets: { enrolled: 110, placed: 40, womenSharePct: 40 } };
const org = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({ id, name, type, naceSector: null, communityOfInterest: false, joinedOn: '2026-02-02', leftOn: null, ...extra });

/** IT-TO as registered, with no records yet, and what else the API answers. */
const siteWith = (extra: Record<string, unknown>) =>
  fakeApi({ '/v1/sites/IT-TO': SITE, '/v1/organisations': [], '/v1/courses': [], '/v1/sites/IT-TO/territorial-indicators': [], '/v1/mentors': [], ...extra });

describe('planSite', () => {
  it('plans every record of a site the API does not know, in dependency order', async () => {
    const { client, writes } = fakeApi({});
    const plan = await planSite(client, definition());
    expect(plan.errors).toEqual([]);
    expect(plan.siteExists).toBe(false);
    expect(plan.changes.map((c) => c.kind)).toEqual(['create-site', ...Array(9).fill('create-organisation'), ...Array(6).fill('create-course'), ...Array(3).fill('record-indicator'), 'register-mentor', 'register-mentor', 'set-pathway-template', 'set-retention']);
    expect(writes).toEqual([]);
  });

  it('patches only changed site fields, keeps existing records and resolves a provider the site already has', async () => {
    const def = definition();
    def.site.targets.placed = 50;
    def.organisations = def.organisations!.filter((o) => o.name !== 'CPIA 1 Torino');
    const { client } = fakeApi({
      '/v1/sites/IT-TO': SITE,
      '/v1/organisations': [org('o1', 'CPIA 1 Torino', 'vet_provider', { naceSector: 'P', communityOfInterest: true })],
      '/v1/courses': [],
      '/v1/sites/IT-TO/territorial-indicators': [],
      '/v1/mentors': [],
    });
    const plan = await planSite(client, def);
    expect(plan.errors).toEqual([]);
    expect(plan.changes[0]).toEqual({ kind: 'patch-site', code: 'IT-TO', body: { targets: { enrolled: 110, placed: 50, womenSharePct: 40 } }, changes: [{ field: 'targets.placed', from: 40, to: 50 }] });
    expect(plan.existing.organisations).toEqual({ 'CPIA 1 Torino': 'o1' });
    expect(describePlan(plan)).toContain('~ site IT-TO targets.placed: 40 → 50');
  });

  it('reports what the API cannot change as errors at the file field', async () => {
    const { client } = fakeApi({
      '/v1/sites/IT-TO': { ...SITE, programme: 'AMIR' },
      '/v1/organisations': [org('o1', 'Caritas Torino', 'migrant_association', { naceSector: 'Q', joinedOn: '2026-02-12' }), org('o2', 'CPIA 1 Torino', 'vet_provider', { naceSector: 'P', communityOfInterest: true })],
      '/v1/courses': [{ id: 'c1', title: 'Italiano per il lavoro A2', type: 'l2_language', providerOrgId: 'o2', hours: 100, startsOn: '2026-03-09', endsOn: '2026-06-05', cefrTarget: 'A2' }],
      '/v1/sites/IT-TO/territorial-indicators': [{ id: 'i1', key: 'unemployment_rate_pct', value: 7.1, referenceYear: 2025, source: 'ISTAT - Rilevazione sulle forze di lavoro' }],
      '/v1/mentors': [{ id: 'm1', displayName: 'Mentor Torino 1', languages: ['it', 'ar', 'fr'], areas: ['housing', 'work'] }],
    });
    const plan = await planSite(client, definition());
    expect(plan.errors.map((e) => e.path.join('.'))).toEqual(['site.programme', 'organisations.5.type', 'courses.0.hours', 'territorialIndicators.0.value']);
    expect(plan.unchanged).toMatchObject({ organisations: 1, mentors: 1 });
  });

  it('a provider neither in the file nor in the site is an error of the course', async () => {
    const def = definition();
    def.courses!.push({ type: 'soft_skills', title: 'Orientamento', provider: 'Nessuno', hours: 10, startsOn: '2026-04-01', endsOn: '2026-04-02' });
    const { client, writes } = fakeApi({});
    await expect(applySiteDefinition(client, def)).rejects.toThrow(SiteFileError);
    await expect(applySiteDefinition(client, def)).rejects.toThrow(/courses\[6\]\.provider: "Nessuno" is neither an organisation of this file nor a member of the site/);
    expect(writes).toEqual([]);
  });

  describe('the pathway template', () => {
    const existingSite = (template?: unknown) => siteWith(template ? { '/v1/sites/IT-TO/pathway-template': template } : {});
    const templateChanges = (plan: Awaited<ReturnType<typeof planSite>>) => plan.changes.filter((c) => c.kind === 'set-pathway-template');

    it('is unchanged when the site has it already, whatever the key order and default onMissed entries', async () => {
      const def = definition();
      const t = def.pathwayTemplate!;
      const stored = { deadlines: { ...t.deadlines }, stages: t.stages, version: t.version, onMissed: { ...t.onMissed, follow_up_due: 'task' } };
      const { client } = existingSite({ siteCode: 'IT-TO', source: 'site', template: stored });
      const plan = await planSite(client, def);
      expect(templateChanges(plan)).toEqual([]);
      expect(plan.unchanged.pathwayTemplate).toBe(true);
      expect(describePlan(plan)).toContain('= pathway template v1 unchanged');
    });

    it("replaces the deployment's default without a version rule, and another own template only with a higher version", async () => {
      const def = definition();
      const fromDefault = await planSite(existingSite({ siteCode: 'IT-TO', source: 'default', template: { ...def.pathwayTemplate!, version: 4, stages: ['intake'] } }).client, def);
      expect(templateChanges(fromDefault)).toHaveLength(1);
      expect(describePlan(fromDefault)).toContain('+ pathway template v1: stages intake → orientation → training → internship → job_search → employed → follow_up → closed; assessment within 14 d, first activity within 21 d, stalled after 75 d; follow-ups at 3/6/12 months; no task for internship_end_overdue');

      const fileV1 = { siteCode: 'IT-TO', source: 'deployment-file', template: { ...def.pathwayTemplate!, deadlines: { ...def.pathwayTemplate!.deadlines, stalledAfterDays: 90 } } };
      const conflict = await planSite(existingSite(fileV1).client, def);
      expect(conflict.errors).toEqual([{ path: ['pathwayTemplate', 'version'], message: "IT-TO's pathway template is at version 1 (the deployment's file) with other content; a changed template needs a version above 1" }]);

      def.pathwayTemplate!.version = 2;
      const raised = await planSite(existingSite(fileV1).client, def);
      expect(raised.errors).toEqual([]);
      expect(describePlan(raised)).toEqual(expect.arrayContaining([expect.stringMatching(/^~ pathway template v1 → v2: /), '  (new pathways only; POST /v1/sites/IT-TO/pathways/migrate-template moves the running ones)']));
    });

    it('is written last, with PUT to the beneficiaries service', async () => {
      const def = definition();
      const { client, writes } = existingSite();
      await expect(applySiteDefinition(client, { site: def.site, pathwayTemplate: def.pathwayTemplate! })).rejects.toThrow();
      expect(writes).toEqual(['PUT /v1/sites/IT-TO/pathway-template']);
    });
  });

  describe('the retention', () => {
    const existingSite = (retention: unknown) => siteWith({ '/v1/sites/IT-TO/retention': retention });
    const retentionOnly = (years?: number): SiteDefinition => ({ site: definition().site, retention: { programmeEndsOn: '2026-12-31', ...(years ? { years } : {}) } });

    it('is unchanged when the site has it, five years counting as the default', async () => {
      const plan = await planSite(existingSite({ siteCode: 'IT-TO', programmeEndsOn: '2026-12-31', years: 5, expiresOn: '2031-12-31' }).client, retentionOnly());
      expect(plan.changes).toEqual([]);
      expect(describePlan(plan)).toContain('= retention unchanged');
    });

    it('is set when the site has none or another, with PUT to the beneficiaries service', async () => {
      const none = await planSite(existingSite({ siteCode: 'IT-TO', programmeEndsOn: null, years: 5, expiresOn: null }).client, retentionOnly());
      expect(none.changes).toEqual([{ kind: 'set-retention', retention: { programmeEndsOn: '2026-12-31', years: 5 }, replaces: null }]);
      expect(describePlan(none)).toEqual(['+ retention programme end 2026-12-31 + 5 years', '= site IT-TO unchanged']);
      const { client, writes } = existingSite({ siteCode: 'IT-TO', programmeEndsOn: '2026-12-31', years: 5, expiresOn: '2031-12-31' });
      const longer = await planSite(client, retentionOnly(10));
      expect(describePlan(longer)).toContain('~ retention programme end 2026-12-31 + 5 years → programme end 2026-12-31 + 10 years');
      await expect(applySiteDefinition(client, retentionOnly(10))).rejects.toThrow();
      expect(writes).toEqual(['PUT /v1/sites/IT-TO/retention']);
    });
  });
});
