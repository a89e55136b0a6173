import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import type { Reading } from '../disclosure/disclosure.service';
import type { Cell } from './cell';
import { KpiEngine, rateOf } from './kpi-engine.service';
import type { OverviewQuery, OverviewResponse } from './kpis.schemas';
import { cellOf, filtersOf, scopeOf, viewGroups, type Unit } from '../kpi-views/kpi-groups';
import { COHORT, ever, inPeriod, STEPS, type Condition } from './measures';
import type { TimeToEvent } from './participants.repository';
import type { PublishedMeasure } from '../disclosure/disclosure.service';
import type { SiteRef } from './site-units';

/** The overview's counts, each a measure of the participants table (kpis.md "Counting rules"). */
const OVERVIEW_MEASURES = {
  trained: inPeriod('courseCompleted'),
  internshipsStarted: inPeriod('internshipStarted'),
  placed: inPeriod('placed'),
  dropouts: inPeriod('droppedOut'),
  // The placement rate's cohort: enrolled in the period, placed whenever (up to the evaluation date).
  cohortPlaced: { all: [COHORT, ever('placed')] },
} satisfies Record<string, Condition>;

const pct = (num: number | null, den: number | null) => (num === null || den === null || den === 0 ? null : Math.round((num / den) * 1000) / 10);

@Injectable()
export class KpisService {
  constructor(private readonly engine: KpiEngine) {}

  async overview(principal: Principal, query: OverviewQuery, now = new Date()): Promise<OverviewResponse> {
    const groupBy = query.groupBy ?? 'site';
    const filters = filtersOf(query);
    const directory = await this.engine.sites();
    const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
    const reading = await this.engine.reading(principal, scopeOf(query, now), now);
    const [base, bySex, times] = await Promise.all([
      this.engine.measures(reading, OVERVIEW_MEASURES, null, directory),
      // Enrolled and women from one count by sex: its total is the same people as `enrolled`
      // anywhere else, so it is the same published figure.
      this.engine.measures(reading, { enrolled: COHORT }, { by: 'sex' }, directory),
      this.engine.times(reading, COHORT, 'placed'),
    ]);
    const m: Record<string, PublishedMeasure | undefined> = { ...base.measures, enrolled: bySex.measures.enrolled };
    const figures = (unit: Unit, sites: readonly SiteRef[]) => {
      const cell = (name: keyof typeof OVERVIEW_MEASURES | 'enrolled', category: string | null = null): Cell => cellOf(m[name], unit, category);
      return this.figures({
        enrolled: cell('enrolled'),
        women: cell('enrolled', 'female'),
        trained: cell('trained'),
        internshipsStarted: cell('internshipsStarted'),
        placed: cell('placed'),
        dropouts: cell('dropouts'),
        cohortPlaced: cell('cohortPlaced'),
        medianDays: medianOf(reading, times, sites),
        targets: sites.map((s) => directory.info.get(s.code)).filter((s) => s !== undefined),
        completeThrough: { enrolled: reading.completeThrough(sites, STEPS.enrolled), placed: reading.completeThrough(sites, STEPS.placed) },
      });
    };
    return {
      groupBy,
      filters: { from: query.from ?? null, to: query.to ?? null, country: query.country ?? null, site: query.site ?? null },
      minCell: reading.minCell,
      disclosure: reading.note(),
      generatedAt: now.toISOString(),
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...figures(g.unit, g.sites) })),
      totals: figures(totals.unit, totals.sites),
    };
  }

  private figures(f: {
    enrolled: Cell;
    women: Cell;
    trained: Cell;
    internshipsStarted: Cell;
    placed: Cell;
    dropouts: Cell;
    cohortPlaced: Cell;
    medianDays: number | null;
    targets: { target_enrolled: number; target_placed: number; target_women_share_pct: number }[];
    completeThrough: { enrolled: string; placed: string };
  }): OverviewResponse['totals'] {
    const targetEnrolled = f.targets.length ? f.targets.reduce((a, s) => a + s.target_enrolled, 0) : null;
    const targetPlaced = f.targets.length ? f.targets.reduce((a, s) => a + s.target_placed, 0) : null;
    // The women-share target of several sites, weighted by their enrolment targets.
    const womenTarget = targetEnrolled ? Math.round((f.targets.reduce((a, s) => a + s.target_women_share_pct * s.target_enrolled, 0) / targetEnrolled) * 10) / 10 : null;
    return {
      enrolled: f.enrolled,
      women: f.women,
      trained: f.trained,
      internshipsStarted: f.internshipsStarted,
      placed: f.placed,
      dropouts: f.dropouts,
      placementRatePct: rateOf(f.cohortPlaced, f.enrolled),
      // Read from the Kaplan–Meier curve as the time-to-placement view publishes it.
      medianDaysToPlacement: f.medianDays,
      targets: { enrolled: targetEnrolled, placed: targetPlaced, womenSharePct: womenTarget },
      progress: {
        enrolledPct: f.enrolled.suppressed ? null : pct(f.enrolled.value, targetEnrolled),
        placedPct: f.placed.suppressed ? null : pct(f.placed.value, targetPlaced),
        womenSharePct: f.women.suppressed || f.enrolled.suppressed ? null : pct(f.women.value, f.enrolled.value),
      },
      completeThrough: f.completeThrough,
    };
  }
}

/** The median days to placement of some sites' cohort, read from their curve as this reader may see it. */
export function medianOf(reading: Reading, times: readonly TimeToEvent[], sites: readonly SiteRef[]): number | null {
  const codes = new Set(sites.map((s) => s.code));
  return reading.curve(times.filter((t) => codes.has(t.site_code)).map((t) => ({ time: t.days, event: t.event, key: t.key })), []).median.t;
}
