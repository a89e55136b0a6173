import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { kaplanMeier } from '../kpis/kaplan-meier';
import { KpiEngine } from '../kpis/kpi-engine.service';
import { COHORT, ever, type Condition } from '../kpis/measures';
import type { SiteRef } from '../kpis/publisher.service';
import { cellOf, echoFilters, filtersOf, scopeOf, viewGroups, type Unit } from '../kpi-views/kpi-groups';
import { publishCurve } from './curve-disclosure';
import type { TimeToPlacementQuery, TimeToPlacementResponse } from './time-to-placement.schemas';

export const RISK_TIMES = [0, 30, 90, 180, 365, 540, 730] as const;

/**
 * The cohort count is the overview's `enrolled` (the same totals plan), so a curve hides with it;
 * each number at risk is a measure of its own, so the plan protects it like any count.
 */
const MEASURES: Record<string, Condition> = {
  enrolled: COHORT,
  placed: { all: [COHORT, ever('placed')] },
  ...Object.fromEntries(RISK_TIMES.map((t) => [`atRisk${t}`, { all: [COHORT, { atRisk: { step: 'placed', days: t } }] } satisfies Condition])),
};

@Injectable()
export class TimeToPlacementService {
  constructor(private readonly engine: KpiEngine) {}

  async timeToPlacement(principal: Principal, query: TimeToPlacementQuery, now = new Date()): Promise<TimeToPlacementResponse> {
    const groupBy = query.groupBy ?? 'site';
    const scope = scopeOf(query, now);
    const filters = filtersOf(query);
    const directory = await this.engine.sites();
    const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
    const [{ measures }, times] = await Promise.all([this.engine.measures(principal, MEASURES, null, scope, directory), this.engine.participants.timesToEvent(COHORT, 'placed', scope)]);
    const open = !this.engine.publisher.confined(principal);
    const curveOf = (unit: Unit, sites: readonly SiteRef[]) => {
      const codes = new Set(sites.map((s) => s.code));
      const km = kaplanMeier(
        times.filter((t) => codes.has(t.site_code)).map((t) => ({ time: t.days, event: t.event })),
        { riskTimes: RISK_TIMES },
      );
      const cohort = cellOf(measures.enrolled, unit);
      const atRisk = RISK_TIMES.map((t) => ({ t, count: cellOf(measures[`atRisk${t}`], unit) }));
      const published = publishCurve(km, { open, withheld: cohort.suppressed, minCell: this.engine.publisher.minCell, atRisk });
      return {
        cohort,
        events: cellOf(measures.placed, unit),
        suppressed: published.suppressed,
        truncatedAt: published.truncatedAt,
        curve: published.points,
        atRisk: published.atRisk,
        median: published.median,
      };
    };
    return {
      groupBy,
      filters: echoFilters(scope, filters),
      minCell: this.engine.publisher.minCell,
      generatedAt: now.toISOString(),
      riskTimes: [...RISK_TIMES],
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...curveOf(g.unit, g.sites) })),
      totals: curveOf(totals.unit, totals.sites),
    };
  }
}
