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

  type CellBody = { value: number | null; suppressed: boolean };
  type RateBody = { numerator: number | null; denominator: number | null; suppressed: boolean };
  interface FunnelBody {
    groups: { key: string; steps: { step: string; count: CellBody; conversion: RateBody | null }[] }[];
    totals: { steps: { step: string; count: CellBody; conversion: RateBody | null }[] };
  }
  interface BreakdownFigures {
    total: { count: CellBody };
    categories: { category: string; count: CellBody }[];
  }
  interface BreakdownBody {
    exhaustive: boolean;
    categories: string[];
    groups: ({ key: string } & BreakdownFigures)[];
    totals: BreakdownFigures;
  }
  interface TrendsBody {
    periods: string[];
    groups: { key: string; total: CellBody; series: { period: string; value: CellBody }[] }[];
    totals: { total: CellBody; series: { period: string; value: CellBody }[] };
  }

  const FUNNEL_STEPS: Record<string, string> = { enrolled: 'enrolled', assessed: 'assessed', trained: 'courseCompleted', internship: 'internshipStarted', placed: 'placed', employed6: 'employed6' };
  function recordFunnel(ledger: ResponseLedger, [level, key]: [LedgerLevel, string], steps: FunnelBody['totals']['steps']): void {
    let prev: string | undefined;
    for (const s of steps) {
      const step = FUNNEL_STEPS[s.step];
      if (!step) throw new Error(`unknown funnel step ${s.step}`);
      const m = step === 'enrolled' ? ENROLLED : M({ all: [{ step: 'enrolled' }, { step, when: 'ever' }] });
      ledger.record(m, level, key, null, s.count);
      if (s.conversion && prev) {
        const prevM = prev === 'enrolled' ? ENROLLED : M({ all: [{ step: 'enrolled' }, { step: prev, when: 'ever' }] });
        recordRate(ledger, level, key, M({ all: [{ step: 'enrolled' }, { step: prev, when: 'ever' }, { step, when: 'ever' }] }), prevM, s.conversion);
      }
      prev = step;
    }
  }

  interface TimeToPlacementFigures {
    cohort: CellBody;
    events: CellBody;
    suppressed: boolean;
    atRisk: { t: number; count: CellBody }[];
  }
  interface TimeToPlacementBody {
    groups: ({ key: string } & TimeToPlacementFigures)[];
    totals: TimeToPlacementFigures;
  }

  interface CohortWindow {
    rate: RateBody;
    observed: CellBody;
    notYetObservable: CellBody;
  }
  interface CohortFigures {
    enrolled: CellBody;
    placementWithin6Months: CohortWindow;
    placementWithin12Months: CohortWindow;
    dropoutRate: RateBody;
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

  it('no suppressed cell can be recovered from the overview, funnel, breakdowns, trends, time to placement, cohort comparisons and indicators, over all groupings and filters', async () => {
    const ledger = new ResponseLedger();
    const catalogue = (await get<{ indicators: CatalogueEntry[] }>('/v1/indicators/catalogue')).indicators;
    for (const period of ['', `&from=2025-06-01&to=2026-03-31`]) {
      for (const f of filterSets()) {
        for (const groupBy of ['site', 'country', 'programme'] as const) {
          const body = await get<OverviewResponse>(`/v1/kpis/overview?groupBy=${groupBy}&asOf=${AS_OF}${f.query}${period}`);
          for (const g of body.groups) recordOverview(ledger, unitOf(groupBy, g.key, f), g);
          recordOverview(ledger, totalsOf(f), body.totals);
        }
        for (const groupBy of ['site', 'country', 'programme'] as const) {
          const q = `groupBy=${groupBy}&asOf=${AS_OF}${f.query}${period}`;
          const funnel = await get<FunnelBody>(`/v1/kpis/funnel?${q}`);
          for (const [unit, steps] of [...funnel.groups.map((g) => [unitOf(groupBy, g.key, f), g.steps] as const), [totalsOf(f), funnel.totals.steps] as const]) recordFunnel(ledger, unit, steps);
          for (const metric of ['enrolled', 'placed'] as const) {
            for (const by of ['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType'] as const) {
              const b = await get<BreakdownBody>(`/v1/kpis/breakdown?${q}&metric=${metric}&by=${by}`);
              const m = metric === 'enrolled' ? ENROLLED : M({ step: 'placed' });
              if (b.exhaustive) ledger.markExhaustive(`${m}#${by}`, b.categories);
              // A breakdown the planner could not protect is withheld whole, zeros included
              // (publisher.service.ts): its hidden cells may be 0, so they tell the attacker nothing.
              const withheld = [...b.groups, b.totals].every((g) => g.categories.every((c) => c.count.suppressed));
              for (const [unit, fig] of [...b.groups.map((g) => [unitOf(groupBy, g.key, f), g] as const), [totalsOf(f), b.totals] as const]) {
                if (withheld) continue;
                // The breakdown's total is the measure's count; its columns are categories of a plan per dimension.
                ledger.record(m, unit[0], unit[1], null, fig.total.count);
                ledger.record(`${m}#${by}`, unit[0], unit[1], null, fig.total.count);
                ledger.equal(ResponseLedger.id(`${m}#${by}`, unit[0], unit[1]), ResponseLedger.id(m, unit[0], unit[1]));
                for (const c of fig.categories) ledger.record(`${m}#${by}`, unit[0], unit[1], c.category, c.count);
              }
            }
            // Trends default to the last 24 months; the history starts 2025-01-01, so this window
            // counts the same people as the whole history.
            const window = period || `&from=2025-01-01&to=${AS_OF}`;
            const t = await get<TrendsBody>(`/v1/kpis/trends?groupBy=${groupBy}&asOf=${AS_OF}${f.query}${window}&metric=${metric}&interval=month`);
            const m = metric === 'enrolled' ? ENROLLED : M({ step: 'placed' });
            ledger.markExhaustive(`${m}#month`, t.periods);
            const withheld = [...t.groups, t.totals].every((g) => g.series.every((p) => p.value.suppressed));
            for (const [unit, fig] of [...t.groups.map((g) => [unitOf(groupBy, g.key, f), g] as const), [totalsOf(f), t.totals] as const]) {
              ledger.record(m, unit[0], unit[1], null, fig.total);
              if (withheld) continue;
              ledger.record(`${m}#month`, unit[0], unit[1], null, fig.total);
              ledger.equal(ResponseLedger.id(`${m}#month`, unit[0], unit[1]), ResponseLedger.id(m, unit[0], unit[1]));
              for (const p of fig.series) ledger.record(`${m}#month`, unit[0], unit[1], p.period, p.value);
            }
          }
        }
        for (const groupBy of ['site', 'country', 'programme'] as const) {
          const ttp = await get<TimeToPlacementBody>(`/v1/kpis/time-to-placement?groupBy=${groupBy}&asOf=${AS_OF}${f.query}${period}`);
          for (const [unit, fig] of [...ttp.groups.map((g) => [unitOf(groupBy, g.key, f), g] as const), [totalsOf(f), ttp.totals] as const]) {
            ledger.record(ENROLLED, unit[0], unit[1], null, fig.cohort);
            ledger.record(M({ all: [{ step: 'enrolled' }, { step: 'placed', when: 'ever' }] }), unit[0], unit[1], null, fig.events);
            // A withheld curve hides its numbers at risk whatever they are (zeros too): no information.
            if (fig.suppressed) continue;
            for (const r of fig.atRisk) ledger.record(M({ all: [{ step: 'enrolled' }, { atRisk: { step: 'placed', days: r.t } }] }), unit[0], unit[1], null, r.count);
          }
        }
        // Cohort comparison, each side a place of the hierarchy enrolled in the period: the same
        // cells as the overview's (cohort-measures.ts reads them at the place's unit).
        const dates = period ? '&a.enrolledFrom=2025-06-01&a.enrolledTo=2026-03-31&b.enrolledFrom=2025-06-01&b.enrolledTo=2026-03-31' : '';
        const places: [string, [LedgerLevel, string]][] = [
          ...sites.filter((x) => (!f.country || x.country === f.country) && (!f.programme || x.programme === f.programme)).map((x) => [`site=${x.code}`, ['site', x.code]] as [string, [LedgerLevel, string]]),
          [[f.country ? `country=${f.country}` : '', f.programme ? `programme=${f.programme}` : ''].filter(Boolean).join('&'), totalsOf(f)],
        ];
        for (const [place, unit] of places) {
          const side = (name: 'a' | 'b') => place.split('&').filter(Boolean).map((kv) => `&${name}.${kv}`).join('');
          const c = await get<{ a: CohortFigures; b: CohortFigures }>(`/v1/kpis/cohorts?asOf=${AS_OF}${side('a')}${side('b')}${dates}`);
          ledger.record(ENROLLED, unit[0], unit[1], null, c.a.enrolled);
          for (const months of [6, 12] as const) {
            const w = months === 6 ? c.a.placementWithin6Months : c.a.placementWithin12Months;
            ledger.record(M({ all: [{ step: 'enrolled' }, { observable: { months } }] }), unit[0], unit[1], null, w.observed);
            ledger.record(M({ all: [{ step: 'enrolled' }, { not: { observable: { months } } }] }), unit[0], unit[1], null, w.notYetObservable);
            recordRate(ledger, unit[0], unit[1], M({ all: [{ step: 'enrolled' }, { observable: { months } }, { step: 'placed', when: 'ever', withinMonths: months }] }), M({ all: [{ step: 'enrolled' }, { observable: { months } }] }), w.rate);
          }
          recordRate(ledger, unit[0], unit[1], M({ all: [{ step: 'enrolled' }, { step: 'droppedOut', when: 'ever' }] }), ENROLLED, c.a.dropoutRate);
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
