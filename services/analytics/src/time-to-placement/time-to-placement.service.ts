import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { KpiEngine } from '../kpis/kpi-engine.service';
import { openView } from '../kpi-views/kpi-view';
import { COHORT, ever, type Condition } from '../kpis/measures';
import type { SiteRef } from '../kpis/site-units';
import { cellOf, type Unit } from '../kpi-views/kpi-groups';
import type { TimeToPlacementQuery, TimeToPlacementResponse } from './time-to-placement.schemas';

/** Numbers at risk are reported at these days: multiples of the 30-day buckets protected curves step at. */
export const RISK_TIMES = [0, 30, 90, 180, 360, 540, 720] as const;

/** The cohort count is the overview's `enrolled`: the same people, so the same published figure. */
const MEASURES: Record<string, Condition> = {
  enrolled: COHORT,
  placed: { all: [COHORT, ever('placed')] },
};

@Injectable()
export class TimeToPlacementService {
  constructor(private readonly engine: KpiEngine) {}

  async timeToPlacement(principal: Principal, query: TimeToPlacementQuery, now = new Date()): Promise<TimeToPlacementResponse> {
    const view = await openView(this.engine, principal, query, now);
    const { reading, directory } = view;
    const [{ measures }, times] = await Promise.all([this.engine.measures(reading, MEASURES, null, directory), this.engine.times(reading, COHORT, 'placed')]);
    const curveOf = (unit: Unit, sites: readonly SiteRef[]) => {
      const codes = new Set(sites.map((s) => s.code));
      const published = reading.curve(
        times.filter((t) => codes.has(t.site_code)).map((t) => ({ time: t.days, event: t.event, key: t.key })),
        RISK_TIMES,
      );
      return {
        cohort: cellOf(measures.enrolled, unit),
        events: cellOf(measures.placed, unit),
        suppressed: published.suppressed,
        truncatedAt: published.truncatedAt,
        curve: published.points,
        atRisk: published.atRisk,
        median: published.median,
      };
    };
    return {
      ...view.head,
      riskTimes: [...RISK_TIMES],
      ...view.perGroup(curveOf),
    };
  }
}
