import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { KpiEngine } from '../kpis/kpi-engine.service';
import { cellOf, echoFilters, filtersOf, scopeOf, viewGroups, type Unit } from '../kpi-views/kpi-groups';
import { FUNNEL_STEP_NAMES, funnelMeasures, funnelSteps } from './funnel-steps';
import type { FunnelQuery, FunnelResponse } from './funnel.schemas';

const MEASURES = funnelMeasures();

@Injectable()
export class FunnelService {
  constructor(private readonly engine: KpiEngine) {}

  async funnel(principal: Principal, query: FunnelQuery, now = new Date()): Promise<FunnelResponse> {
    const groupBy = query.groupBy ?? 'site';
    const filters = filtersOf(query);
    const directory = await this.engine.sites();
    const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
    const reading = await this.engine.reading(principal, scopeOf(query, now), now);
    const { measures } = await this.engine.measures(reading, MEASURES, null, directory);
    const stepsOf = (unit: Unit) => funnelSteps((name) => cellOf(measures[name], unit));
    return {
      groupBy,
      filters: echoFilters(reading.scope, filters),
      minCell: reading.minCell,
      disclosure: reading.note(),
      generatedAt: now.toISOString(),
      steps: FUNNEL_STEP_NAMES,
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, steps: stepsOf(g.unit) })),
      totals: { steps: stepsOf(totals.unit) },
    };
  }
}
