import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { KpiEngine } from '../kpis/kpi-engine.service';
import { inPeriod } from '../kpis/measures';
import { cellOf, echoFilters, filtersOf, scopeOf, viewGroups, type Unit } from '../kpi-views/kpi-groups';
import { TREND_METRICS, trendWindow } from './trend-window';
import type { TrendsQuery, TrendsResponse } from './trends.schemas';

@Injectable()
export class TrendsService {
  constructor(private readonly engine: KpiEngine) {}

  async trends(principal: Principal, query: TrendsQuery, now = new Date()): Promise<TrendsResponse> {
    const groupBy = query.groupBy ?? 'site';
    const interval = query.interval ?? 'month';
    const filters = filtersOf(query);
    const directory = await this.engine.sites();
    const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
    // The evaluation date first (a protected reader's is a released month end), then the window.
    const evaluation = await this.engine.reading(principal, scopeOf({ asOf: query.asOf }, now), now);
    const window = trendWindow(query, interval, evaluation.scope.asOf);
    const reading = evaluation.over(window);
    const step = TREND_METRICS[query.metric];
    // Buckets are a categorisation of the measure, so each group's total is the overview's count
    // of the same step in the period: the same people, the same published figure.
    const { measures, categories } = await this.engine.measures(reading, { count: inPeriod(step) }, { by: 'interval', step, interval }, directory);
    const seriesOf = (unit: Unit) => ({
      total: cellOf(measures.count, unit),
      series: categories.map((period) => ({ period, value: cellOf(measures.count, unit, period) })),
    });
    return {
      groupBy,
      filters: echoFilters(reading.scope, filters),
      minCell: reading.minCell,
      disclosure: reading.note(),
      generatedAt: now.toISOString(),
      metric: query.metric,
      interval,
      periods: categories,
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...seriesOf(g.unit) })),
      totals: seriesOf(totals.unit),
    };
  }
}
