import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { badQuery } from '../kpi-views/bad-query.problem';
import { cellOf, today, viewGroups, type Filters } from '../kpi-views/kpi-groups';
import type { PublishedMeasure } from '../disclosure/disclosure.service';
import type { Cell } from '../kpis/cell';
import { KpiEngine, rateOf, type MeasureSet } from '../kpis/kpi-engine.service';
import type { Categorisation, Condition, Scope } from '../kpis/measures';
import { publishContributionsByType, publishMembersByType, refOf } from '../kpis/organisation-measures';
import { inUnit } from '../kpis/site-units';
import { ratesOf, SUBCOUNT_CATEGORISATIONS, type Catalogue, type IndicatorDef, type Language } from './indicator-catalogue';
import { parsePeriod, PeriodError } from './indicator-period';
import type { EvaluatedIndicator, IndicatorsQuery, IndicatorsResponse } from './indicators.schemas';
import { INDICATOR_CATALOGUE } from './indicators.tokens';

type SubCategorisation = (typeof SUBCOUNT_CATEGORISATIONS)[number];

/** The published measures of one request, by the name each was registered under. */
interface Published {
  plain: MeasureSet;
  byCategory: Map<SubCategorisation, MeasureSet>;
}

/** The measures a catalogue needs, registered under generated names so that one count query serves every indicator of the request. */
class MeasurePlan {
  readonly plain: Record<string, Condition> = {};
  readonly byCategory = new Map<SubCategorisation, Record<string, Condition>>();
  private n = 0;

  add(condition: Condition, by?: SubCategorisation): { name: string; by?: SubCategorisation } {
    const name = `m${this.n++}`;
    if (by) {
      const set = this.byCategory.get(by) ?? {};
      set[name] = condition;
      this.byCategory.set(by, set);
    } else {
      this.plain[name] = condition;
    }
    return { name, by };
  }
}

type MeasureRef = ReturnType<MeasurePlan['add']>;

const pct = (num: number | null, den: number | null) => (num === null || den === null || den === 0 ? null : Math.round((num / den) * 1000) / 10);

/**
 * Evaluates the indicator catalogue for a period. Every count of people is published by the
 * disclosure layer (KpiEngine), at the unit the filters select, so an indicator shows the same
 * figure as a KPI view for the same people. Counts of organisations (MEIC-14) are not counts of
 * people and are published as counted (docs/adr/0012).
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(INDICATOR_CATALOGUE) readonly catalogue: Catalogue,
    private readonly engine: KpiEngine,
  ) {}

  async evaluate(principal: Principal, query: IndicatorsQuery, now = new Date()): Promise<IndicatorsResponse> {
    let period;
    try {
      period = parsePeriod(query.period);
    } catch (e) {
      if (e instanceof PeriodError) throw badQuery([{ path: '/period', message: e.message }]);
      throw e;
    }
    const lang: Language = query.lang ?? 'en';
    const filters: Filters = { country: query.country, programme: query.programme, site: query.site };
    const directory = await this.engine.sites();
    const { unit, sites: targetSites } = viewGroups(principal, directory, 'site', filters).totals;
    const requested: Scope = { ...period, asOf: query.asOf ?? today(now) };
    const reading = await this.engine.reading(principal, requested, now);
    const scope = reading.scope;
    const visible = reading.visibleSites;
    const inScope = (code: string) => (visible === null || visible.includes(code)) && inUnit(refOf(directory, code), unit.level, unit.key);

    const plan = new MeasurePlan();
    const recipes = this.catalogue.indicators.map((def) => recipe(def, plan));
    const needsOrganisations = this.catalogue.indicators.some((d) => d.kind === 'organisations');
    const needsContributions = this.catalogue.indicators.some((d) => d.kind === 'contributions');
    const [plain, categorised, organisations, contributions] = await Promise.all([
      this.engine.measures(reading, plan.plain, null, directory),
      Promise.all([...plan.byCategory].map(async ([by, defs]) => [by, await this.engine.measures(reading, defs, { by } as Categorisation, directory)] as const)),
      needsOrganisations ? this.engine.participants.organisationCounts(scope) : Promise.resolve([]),
      needsContributions ? this.engine.participants.contributionCounts(scope, reading.counting) : Promise.resolve([]),
    ]);
    const published: Published = { plain, byCategory: new Map(categorised) };
    const cell = (ref: MeasureRef, category: string | null = null): Cell => {
      const set = ref.by ? published.byCategory.get(ref.by) : published.plain;
      return cellOf(set?.measures[ref.name] as PublishedMeasure | undefined, unit, category);
    };

    // MEIC-14 counts organisations (published as counted), MEIC-15 people's activities
    // (protected): kpis/organisation-measures.ts, shared with the clusters view.
    const cellsOf = (published: { type: string; measures: Record<string, PublishedMeasure> }[]): EvaluatedIndicator['byType'] =>
      published.map(({ type, measures }) => ({ type, counts: Object.fromEntries(Object.entries(measures).map(([k, m]) => [k, cellOf(m, unit)])) }));

    const indicators: EvaluatedIndicator[] = [];
    for (const r of recipes) {
      const def = r.def;
      const out: EvaluatedIndicator = {
        code: def.code,
        title: def.title[lang],
        description: def.description[lang] ?? def.description.en,
        unit: def.unit,
        kind: def.kind,
        disaggregations: def.disaggregations ?? [],
        value: null,
        of: [],
        rates: [],
        median: null,
        byType: [],
        target: null,
      };
      switch (def.kind) {
        case 'count': {
          const value = cell(r.value as MeasureRef);
          out.value = value;
          out.of = r.of.map((o) => ({ key: o.key, title: o.title[lang], value: cell(o.ref, o.category) }));
          if (def.target) {
            const infos = targetSites.map((s) => directory.info.get(s.code)).filter((s) => s !== undefined);
            const target = infos.length ? infos.reduce((a, s) => a + (def.target === 'enrolled' ? s.target_enrolled : s.target_placed), 0) : null;
            out.target = { kind: def.target, value: target, progressPct: value.suppressed ? null : pct(value.value, target) };
          }
          break;
        }
        case 'rate':
          out.rates = r.rates.map((x) => ({ key: x.key, title: x.title?.[lang] ?? null, rate: rateOf(cell(x.numerator), cell(x.denominator)) }));
          break;
        case 'median_days': {
          const cohort = cell(r.value as MeasureRef);
          const times = await this.engine.times(reading, def.cohort as Condition, def.step);
          const subjects = times.filter((t) => inScope(t.site_code)).map((t) => ({ time: t.days, event: t.event, key: t.key }));
          // Read from the curve of the cohort as the time-to-placement view publishes it.
          out.median = { days: reading.curve(subjects, []).median.t, cohort };
          break;
        }
        case 'organisations':
          out.byType = cellsOf(publishMembersByType(reading, directory, organisations, def.counts ?? ['members', 'active']));
          break;
        case 'contributions':
          out.byType = cellsOf(publishContributionsByType(reading, directory, contributions, def.counts ?? ['internships', 'placements']));
          break;
        default: {
          const never: never = def;
          throw new Error(`unknown indicator kind ${JSON.stringify(never)}`);
        }
      }
      indicators.push(out);
    }
    return {
      period: { label: query.period ?? null, from: scope.from, to: scope.to },
      asOf: scope.asOf,
      lang,
      filters: { country: filters.country ?? null, programme: filters.programme ?? null, site: filters.site ?? null },
      minCell: reading.minCell,
      disclosure: reading.note(),
      generatedAt: now.toISOString(),
      indicators,
    };
  }
}

/** What to read for one indicator once the measures are published. */
interface Recipe {
  def: IndicatorDef;
  value?: MeasureRef;
  of: { key: string; title: Record<Language, string>; ref: MeasureRef; category: string | null }[];
  rates: { key: string; title?: Record<Language, string>; numerator: MeasureRef; denominator: MeasureRef }[];
}

function recipe(def: IndicatorDef, plan: MeasurePlan): Recipe {
  const r: Recipe = { def, of: [], rates: [] };
  switch (def.kind) {
    case 'count': {
      const parent = def.condition as Condition;
      const first = def.of?.find((o) => 'category' in o);
      // With a breakdown column among the sub-counts, the count is that breakdown's total (the
      // same people either way, so the same published figure; one query fewer).
      r.value = plan.add(parent, first && 'category' in first ? first.category.by : undefined);
      for (const o of def.of ?? []) {
        if ('category' in o) r.of.push({ key: o.key, title: o.title, ref: o.category.by === r.value.by ? r.value : plan.add(parent, o.category.by), category: o.category.value });
        else r.of.push({ key: o.key, title: o.title, ref: plan.add({ all: [parent, o.condition as Condition] }), category: null });
      }
      break;
    }
    case 'rate':
      for (const x of ratesOf(def)) {
        r.rates.push({ key: x.key, title: x.title, numerator: plan.add({ all: [x.denominator, x.numerator] }), denominator: plan.add(x.denominator) });
      }
      break;
    case 'median_days':
      r.value = plan.add(def.cohort as Condition);
      break;
    case 'organisations':
    case 'contributions':
      break;
    default: {
      const never: never = def;
      throw new Error(`unknown indicator kind ${JSON.stringify(never)}`);
    }
  }
  return r;
}
