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
    const { asOf } = scopeOf({ asOf: query.asOf }, now);
    const window = trendWindow(query, interval, asOf);
    const scope = { from: window.from, to: window.to, asOf };
    const filters = filtersOf(query);
    const directory = await this.engine.sites();
    const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
    const step = TREND_METRICS[query.metric];
    // Buckets are a categorisation of the measure, so the series and the total of each group are
    // cells of one plan (and the total is the overview's count of the same step in the period).
    const { measures, categories } = await this.engine.measures(principal, { count: inPeriod(step) }, { by: 'interval', step, interval }, scope, directory);
    const seriesOf = (unit: Unit) => ({
      total: cellOf(measures.count, unit),
      series: categories.map((period) => ({ period, value: cellOf(measures.count, unit, period) })),
    });
    return {
      groupBy,
      filters: echoFilters(scope, filters),
      minCell: this.engine.publisher.minCell,
      generatedAt: now.toISOString(),
      metric: query.metric,
      interval,
      periods: categories,
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...seriesOf(g.unit) })),
      totals: seriesOf(totals.unit),
    };
  }
}
