import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import type { Reading } from '../disclosure/disclosure.service';
import { KpiEngine, rateOf, type SiteDirectory } from '../kpis/kpi-engine.service';
import { checkConfinement, cellOf, scopeOf } from '../kpi-views/kpi-groups';
import { cohortCondition, cohortMeasures, cohortOf, cohortScope, cohortUnit, type CohortDef } from './cohort-measures';
import type { CohortFigures, CohortsQuery, CohortsResponse } from './cohorts.schemas';

@Injectable()
export class CohortsService {
  constructor(private readonly engine: KpiEngine) {}

  async compare(principal: Principal, query: CohortsQuery, now = new Date()): Promise<CohortsResponse> {
    const defs = { a: cohortOf(query, 'a'), b: cohortOf(query, 'b') };
    for (const def of Object.values(defs)) checkConfinement(principal, def);
    const reading = await this.engine.reading(principal, scopeOf({ asOf: query.asOf }, now), now);
    const asOf = reading.scope.asOf;
    const scopes = { a: cohortScope(defs.a, 'a', asOf), b: cohortScope(defs.b, 'b', asOf) };
    const directory = await this.engine.sites();
    const [a, b] = await Promise.all((['a', 'b'] as const).map((name) => this.cohort(reading.over(scopes[name]), defs[name], directory)));
    return { asOf, minCell: reading.minCell, disclosure: reading.note(), generatedAt: now.toISOString(), a: a as CohortFigures, b: b as CohortFigures };
  }

  private async cohort(reading: Reading, def: CohortDef, directory: SiteDirectory): Promise<CohortFigures> {
    const [{ measures }, times] = await Promise.all([this.engine.measures(reading, cohortMeasures(def), null, directory), this.engine.times(reading, cohortCondition(def), 'placed')]);
    const unit = cohortUnit(def);
    const cell = (name: string) => cellOf(measures[name], unit);
    const visible = reading.visibleSites;
    const subjects = times.filter((t) => visible === null || visible.includes(t.site_code)).map((t) => ({ time: t.days, event: t.event, key: t.key }));
    const enrolled = cell('enrolled');
    const curve = reading.curve(subjects, []);
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
