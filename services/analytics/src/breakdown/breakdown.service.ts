import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { KpiEngine, rateOf } from '../kpis/kpi-engine.service';
import { openView } from '../kpi-views/kpi-view';
import type { Reading } from '../disclosure/disclosure.service';
import { COHORT, ever, inPeriod, isExhaustive, type BreakdownDimension, type Categorisation, type Condition } from '../kpis/measures';
import { cellOf, type Unit } from '../kpi-views/kpi-groups';
import type { BreakdownMetric, BreakdownQuery, BreakdownResponse } from './breakdown.schemas';

/**
 * The measures of a metric: `count` is what each category shows; for the placement rate also its
 * denominator, the enrolment cohort (the numerator "enrolled in the period AND placed ever" and the
 * denominator are both published counts, never a difference of published counts).
 */
export function breakdownMeasures(metric: BreakdownMetric): { count: Condition; denominator?: Condition } {
  switch (metric) {
    case 'enrolled':
      return { count: COHORT };
    case 'placed':
      return { count: inPeriod('placed') };
    case 'trained':
      return { count: inPeriod('courseCompleted') };
    case 'internshipsStarted':
      return { count: inPeriod('internshipStarted') };
    case 'dropouts':
      return { count: inPeriod('droppedOut') };
    case 'placementRate':
      return { count: { all: [COHORT, ever('placed')] }, denominator: COHORT };
    default: {
      const never: never = metric;
      throw new Error(`unknown metric ${String(never)}`);
    }
  }
}

@Injectable()
export class BreakdownService {
  constructor(private readonly engine: KpiEngine) {}

  private async categorisation(by: BreakdownDimension, reading: Reading): Promise<Categorisation> {
    switch (by) {
      case 'sex':
      case 'ageBand':
      case 'legalStatus':
        return { by };
      case 'courseType':
        return { by };
      case 'citizenship':
        // The same top citizenships for every reader and group: the categories cannot depend on who asks.
        return { by, top: await this.engine.topCitizenships(reading) };
      default: {
        const never: never = by;
        throw new Error(`unknown dimension ${String(never)}`);
      }
    }
  }

  async breakdown(principal: Principal, query: BreakdownQuery, now = new Date()): Promise<BreakdownResponse> {
    const view = await openView(this.engine, principal, query, now);
    const { reading, directory } = view;
    const categorisation = await this.categorisation(query.by, reading);
    const defs = breakdownMeasures(query.metric);
    const { measures, categories } = await this.engine.measures(reading, defs.denominator ? { count: defs.count, denominator: defs.denominator } : { count: defs.count }, categorisation, directory);
    const figure = (unit: Unit, category: string | null) => {
      const count = cellOf(measures.count, unit, category);
      return { count, rate: defs.denominator ? rateOf(count, cellOf(measures.denominator, unit, category)) : null };
    };
    const breakdownOf = (unit: Unit) => ({ total: figure(unit, null), categories: categories.map((c) => ({ category: c, ...figure(unit, c) })) });
    return {
      ...view.head,
      metric: query.metric,
      by: query.by,
      exhaustive: isExhaustive(categorisation),
      categories,
      ...view.perGroup(breakdownOf),
    };
  }
}
