import { randomSiteCode } from '@meic/testing';
import type { OverviewResponse } from '../kpis/kpis.schemas';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { randomHistory, type HistorySite } from '../testing/random-history';
import { ResponseLedger, type LedgerLevel, type LedgerSite } from '../testing/response-ledger';
import { recoverHidden } from './lp-attacker';

/**
 * The attacker: reads every aggregate response a consortium lead can get for a programme with
 * several small sites — every grouping, every filter combination — and tries to recover each
 * suppressed cell exactly by integer programming over all the sums it knows. It must fail, and no
 * two responses may disagree about one cell.
 */
const AS_OF = '2026-09-30';
const lead = { role: 'consortium_lead' as const };

describe('disclosure control holds across every response of a scenario', () => {
  let h: AnalyticsHarness;
  const sites: HistorySite[] = [
    { code: randomSiteCode('IT'), country: 'IT', programme: 'AMIL' },
    { code: randomSiteCode('IT'), country: 'IT', programme: 'AMIL' },
    { code: randomSiteCode('IT'), country: 'IT', programme: 'LIME' },
    { code: randomSiteCode('CY'), country: 'CY', programme: 'AMIL' },
    { code: randomSiteCode('GR'), country: 'GR', programme: 'AMIL' },
    { code: randomSiteCode('GR'), country: 'GR', programme: 'AMIR' },
    { code: randomSiteCode('ES'), country: 'ES', programme: 'LIME' },
  ];

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    // Few people per site, so many cells are small: 70 people over 7 sites.
    await h.send(randomHistory(4242, sites, { people: 70, start: '2025-01-01', days: 600, asOf: AS_OF }));
  });
  afterAll(async () => {
    await h?.close();
  });

  async function get<T>(path: string): Promise<T> {
    const res = await h.get<T>(path, lead);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Every filter combination an attacker may use: none, each country, each programme, each pair. */
  function filterSets(): { query: string; country?: string; programme?: string }[] {
    const countries = [...new Set(sites.map((s) => s.country))];
    const programmes = [...new Set(sites.map((s) => s.programme))];
    const out: { query: string; country?: string; programme?: string }[] = [{ query: '' }];
    for (const c of countries) out.push({ query: `&country=${c}`, country: c });
    for (const p of programmes) out.push({ query: `&programme=${p}`, programme: p });
    for (const c of countries) for (const p of programmes) if (sites.some((s) => s.country === c && s.programme === p)) out.push({ query: `&country=${c}&programme=${p}`, country: c, programme: p });
    return out;
  }

  const unitOf = (groupBy: 'site' | 'country' | 'programme', key: string, f: { country?: string; programme?: string }): [LedgerLevel, string] => {
    if (groupBy === 'site') return ['site', key];
    if (groupBy === 'country') return f.programme ? ['countryProgramme', `${key}|${f.programme}`] : ['country', key];
    return f.country ? ['countryProgramme', `${f.country}|${key}`] : ['programme', key];
  };
  const totalsOf = (f: { country?: string; programme?: string }): [LedgerLevel, string] =>
    f.country && f.programme ? ['countryProgramme', `${f.country}|${f.programme}`] : f.country ? ['country', f.country] : f.programme ? ['programme', f.programme] : ['total', 'total'];

  // A measure is named by its condition (measures.ts), so that the same count reached through two
  // endpoints — the overview's enrolled and MEIC-01 — is one unknown for the attacker.
  const M = (c: unknown) => JSON.stringify(c);
  const ENROLLED = M({ step: 'enrolled' });

  function recordRate(ledger: ResponseLedger, level: LedgerLevel, key: string, num: string, den: string, r: { numerator: number | null; denominator: number | null; suppressed: boolean }): void {
    // A hidden rate says nothing about its numerator, which may be 0 (it hides with a small
    // denominator too): recording it as a hidden count would tell the attacker "at least 1",
    // which is not true. A shown rate gives away both counts.
    if (r.suppressed) return;
    ledger.record(num, level, key, null, { value: r.numerator, suppressed: false });
    ledger.record(den, level, key, null, { value: r.denominator, suppressed: false });
  }

  function recordOverview(ledger: ResponseLedger, [level, key]: [LedgerLevel, string], g: OverviewResponse['totals']): void {
    ledger.record(ENROLLED, level, key, null, g.enrolled);
    ledger.record(ENROLLED, level, key, 'female', g.women);
    ledger.record(M({ step: 'courseCompleted' }), level, key, null, g.trained);
    ledger.record(M({ step: 'internshipStarted' }), level, key, null, g.internshipsStarted);
    ledger.record(M({ step: 'placed' }), level, key, null, g.placed);
    ledger.record(M({ step: 'droppedOut' }), level, key, null, g.dropouts);
    recordRate(ledger, level, key, M({ all: [{ step: 'enrolled' }, { step: 'placed', when: 'ever' }] }), ENROLLED, g.placementRatePct);
  }

  interface CatalogueEntry {
    code: string;
    kind: string;
    condition?: unknown;
    of?: { key: string; condition?: unknown; category?: { by: string; value: string } }[];
    numerator?: unknown;
    denominator?: unknown;
    rates?: { key: string; numerator: unknown; denominator: unknown }[];
  }
  interface IndicatorResult {
    code: string;
    value?: { value: number | null; suppressed: boolean } | null;
    of?: { key: string; value: { value: number | null; suppressed: boolean } }[] | null;
    rates?: { key: string; rate: { numerator: number | null; denominator: number | null; suppressed: boolean } }[] | null;
  }

  function recordIndicators(ledger: ResponseLedger, [level, key]: [LedgerLevel, string], catalogue: CatalogueEntry[], results: IndicatorResult[]): void {
    for (const r of results) {
      const def = catalogue.find((c) => c.code === r.code);
      if (!def) throw new Error(`indicator ${r.code} not in the catalogue`);
      if (def.kind === 'count' && r.value) {
        ledger.record(M(def.condition), level, key, null, r.value);
        for (const o of r.of ?? []) {
          const spec = def.of?.find((x) => x.key === o.key);
          if (spec?.category) ledger.record(M(def.condition), level, key, spec.category.value, o.value);
          else if (spec?.condition) ledger.record(M({ all: [def.condition, spec.condition] }), level, key, null, o.value);
        }
      }
      if (def.kind === 'rate') {
        const specs = def.rates ?? [{ key: 'rate', numerator: def.numerator, denominator: def.denominator }];
        for (const x of r.rates ?? []) {
          const spec = specs.find((s) => s.key === x.key) ?? (specs.length === 1 ? specs[0] : undefined);
          if (spec) recordRate(ledger, level, key, M({ all: [spec.denominator, spec.numerator] }), M(spec.denominator), x.rate);
        }
      }
    }
  }

  it('no suppressed cell can be recovered from the overview and the indicators, over all groupings and filters', async () => {
    const ledger = new ResponseLedger();
    const catalogue = (await get<{ indicators: CatalogueEntry[] }>('/v1/indicators/catalogue')).indicators;
    for (const period of ['', `&from=2025-06-01&to=2026-03-31`]) {
      for (const f of filterSets()) {
        for (const groupBy of ['site', 'country', 'programme'] as const) {
          const body = await get<OverviewResponse>(`/v1/kpis/overview?groupBy=${groupBy}&asOf=${AS_OF}${f.query}${period}`);
          for (const g of body.groups) recordOverview(ledger, unitOf(groupBy, g.key, f), g);
          recordOverview(ledger, totalsOf(f), body.totals);
        }
        const ind = await get<{ indicators: IndicatorResult[] }>(`/v1/indicators?asOf=${AS_OF}${f.query}${period ? `&period=2025-06-01..2026-03-31` : ''}`);
        recordIndicators(ledger, totalsOf(f), catalogue, ind.indicators);
        for (const s of sites.filter((x) => (!f.country || x.country === f.country) && (!f.programme || x.programme === f.programme))) {
          const one = await get<{ indicators: IndicatorResult[] }>(`/v1/indicators?asOf=${AS_OF}&site=${s.code}${period ? `&period=2025-06-01..2026-03-31` : ''}`);
          recordIndicators(ledger, ['site', s.code], catalogue, one.indicators);
        }
      }
      // Each period is a separate set of measures (differencing across periods: ADR 0006).
      const refs: LedgerSite[] = sites;
      expect(ledger.conflicts).toEqual([]);
      // Every level of the overview's counts was read; a rate's parts only when the rate is shown.
      expect(ledger.incompleteRelations(refs).filter((r) => r.parent.startsWith(`${ENROLLED}|`))).toEqual([]);
      expect(ledger.relations(refs).length).toBeGreaterThan(200);
      expect(ledger.suppressedCount()).toBeGreaterThan(10);
      expect(await recoverHidden(ledger.published(), ledger.relations(refs))).toEqual([]);
      ledger.reset();
    }
  });
});
