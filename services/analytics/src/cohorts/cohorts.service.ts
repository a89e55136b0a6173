import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { kaplanMeier } from '../kpis/kaplan-meier';
import { KpiEngine, rateOf } from '../kpis/kpi-engine.service';
import { checkConfinement, cellOf, scopeOf } from '../kpi-views/kpi-groups';
import { publishCurve } from '../time-to-placement/curve-disclosure';
import { cohortCondition, cohortMeasures, cohortOf, cohortScope, cohortUnit, type CohortDef } from './cohort-measures';
import type { CohortFigures, CohortsQuery, CohortsResponse } from './cohorts.schemas';

@Injectable()
export class CohortsService {
  constructor(private readonly engine: KpiEngine) {}

  async compare(principal: Principal, query: CohortsQuery, now = new Date()): Promise<CohortsResponse> {
    const { asOf } = scopeOf({ asOf: query.asOf }, now);
    const defs = { a: cohortOf(query, 'a'), b: cohortOf(query, 'b') };
    for (const def of Object.values(defs)) checkConfinement(principal, def);
    const scopes = { a: cohortScope(defs.a, 'a', asOf), b: cohortScope(defs.b, 'b', asOf) };
    const directory = await this.engine.sites();
    const [a, b] = await Promise.all((['a', 'b'] as const).map((name) => this.cohort(principal, defs[name], scopes[name], directory)));
    return { asOf, minCell: this.engine.publisher.minCell, generatedAt: now.toISOString(), a: a as CohortFigures, b: b as CohortFigures };
  }

  private async cohort(
    principal: Principal,
    def: CohortDef,
    scope: { from: string; to: string; asOf: string },
    directory: Awaited<ReturnType<KpiEngine['sites']>>,
  ): Promise<CohortFigures> {
    const [{ measures }, times] = await Promise.all([
      this.engine.measures(principal, cohortMeasures(def), null, scope, directory),
      this.engine.participants.timesToEvent(cohortCondition(def), 'placed', scope),
    ]);
    const unit = cohortUnit(def);
    const cell = (name: string) => cellOf(measures[name], unit);
    const visible = this.engine.publisher.visibleSites(principal);
    const subjects = times.filter((t) => visible === null || visible.includes(t.site_code)).map((t) => ({ time: t.days, event: t.event }));
    const enrolled = cell('enrolled');
    const curve = publishCurve(kaplanMeier(subjects, { riskTimes: [] }), { open: visible !== null, withheld: enrolled.suppressed, minCell: this.engine.publisher.minCell, atRisk: [] });
    const window = (months: 6 | 12) => {
      const observed = cell(`observed${months}`);
      return { rate: rateOf(cell(`placedWithin${months}`), observed), observed, notYetObservable: cell(`notObservable${months}`) };
    };
    return {
      definition: {
        site: def.site ?? null,
        country: def.country ?? null,
        programme: def.programme ?? null,
        enrolledFrom: def.enrolledFrom ?? null,
        enrolledTo: def.enrolledTo ?? null,
        activity: def.activity ?? null,
      },
      enrolled,
      placementWithin6Months: window(6),
      placementWithin12Months: window(12),
      medianDaysToPlacement: { ...curve.median, suppressed: curve.suppressed },
      dropoutRate: rateOf(cell('droppedOut'), enrolled),
      employedAt6Months: rateOf(cell('employed6'), cell('followedUp6')),
    };
  }
}
