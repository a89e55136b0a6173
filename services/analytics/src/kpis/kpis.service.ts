import { ForbiddenException, Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import type { Cell } from './disclosure';
import { kaplanMeier, type KmSubject } from './kaplan-meier';
import { KpiEngine, rateOf, type SiteDirectory } from './kpi-engine.service';
import type { OverviewQuery, OverviewResponse } from './kpis.schemas';
import { COHORT, ever, inPeriod, type Condition, type Scope } from './measures';
import { groupUnit, inUnit, totalsUnit, type Level, type PublishedMeasure, type SiteRef } from './publisher.service';

/** The overview's counts, each a measure of the participants table (kpis.md "Counting rules"). */
const OVERVIEW_MEASURES = {
  trained: inPeriod('courseCompleted'),
  internshipsStarted: inPeriod('internshipStarted'),
  placed: inPeriod('placed'),
  dropouts: inPeriod('droppedOut'),
  // The placement rate's cohort: enrolled in the period, placed whenever (up to the evaluation date).
  cohortPlaced: { all: [COHORT, ever('placed')] },
} satisfies Record<string, Condition>;

export type GroupBy = 'site' | 'country' | 'programme';

export interface Filters {
  country?: string;
  programme?: string;
  site?: string;
}

/** A group of a response: its label and the plan unit it stands for. */
export interface GroupDef {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
  unit: { level: Level; key: string };
  sites: SiteRef[];
}

const pct = (num: number | null, den: number | null) => (num === null || den === null || den === 0 ? null : Math.round((num / den) * 1000) / 10);

export function scopeOf(query: { from?: string; to?: string; asOf?: string }, now: Date): Scope {
  return { from: query.from ?? '1900-01-01', to: query.to ?? '2299-12-31', asOf: query.asOf ?? now.toISOString().slice(0, 10) };
}

/**
 * The groups a response shows: the sites matching the filters (for site_staff only their own),
 * grouped by site, country or programme. A filter naming a site outside a site_staff's sites is
 * refused rather than answered with nothing, so the reader knows why the page is empty.
 */
export function groupsOf(principal: Principal, directory: SiteDirectory, groupBy: GroupBy, filters: Filters): { groups: GroupDef[]; totals: { level: Level; key: string } } {
  if (principal.role === 'site_staff' && filters.site && !principal.sites.includes(filters.site)) {
    throw new ForbiddenException(`site_staff of ${principal.sites.join(', ') || 'no site'} may not read site ${filters.site}`);
  }
  const allowed = principal.role === 'site_staff' ? new Set(principal.sites) : null;
  const sites = directory.refs.filter(
    (s) => (!allowed || allowed.has(s.code)) && (!filters.site || s.code === filters.site) && (!filters.country || s.country === filters.country) && (!filters.programme || s.programme === filters.programme),
  );
  const groups = new Map<string, GroupDef>();
  for (const s of sites) {
    const key = groupBy === 'site' ? s.code : groupBy === 'country' ? s.country : s.programme;
    const info = directory.info.get(s.code);
    const group = groups.get(key) ?? {
      key,
      label: groupBy === 'site' ? (info ? `${info.name} (${s.code})` : s.code) : key,
      country: groupBy === 'programme' ? null : s.country,
      programme: groupBy === 'country' ? null : s.programme,
      unit: groupUnit(groupBy, key, filters),
      sites: [],
    };
    group.sites.push(s);
    groups.set(key, group);
  }
  return { groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)), totals: totalsUnit(filters) };
}

@Injectable()
export class KpisService {
  constructor(private readonly engine: KpiEngine) {}

  async overview(principal: Principal, query: OverviewQuery, now = new Date()): Promise<OverviewResponse> {
    const groupBy = query.groupBy ?? 'site';
    const scope = scopeOf(query, now);
    const filters: Filters = { country: query.country, programme: query.programme, site: query.site };
    const directory = await this.engine.sites();
    const { groups, totals } = groupsOf(principal, directory, groupBy, filters);
    const [base, bySex, times] = await Promise.all([
      this.engine.measures(principal, OVERVIEW_MEASURES, null, scope, directory),
      // Enrolled and women come from one plan of enrolments by sex, so the women shown here are
      // hidden exactly as in the breakdown by sex (docs/adr/0006).
      this.engine.measures(principal, { enrolled: COHORT }, { by: 'sex' }, scope, directory),
      this.engine.participants.timesToEvent(COHORT, 'placed', scope),
    ]);
    const m: Record<string, PublishedMeasure | undefined> = { ...base.measures, enrolled: bySex.measures.enrolled };
    const figures = (unit: { level: Level; key: string }, sites: readonly SiteRef[]) => {
      const cell = (name: keyof typeof OVERVIEW_MEASURES | 'enrolled', category: string | null = null): Cell => {
        const measure = m[name];
        if (!measure) throw new Error(`measure ${name} missing`);
        return measure.cell(unit.level, unit.key, category);
      };
      const codes = new Set(sites.map((s) => s.code));
      const subjects: KmSubject[] = times.filter((t) => codes.has(t.site_code)).map((t) => ({ time: t.days, event: t.event }));
      return this.figures({
        enrolled: cell('enrolled'),
        women: cell('enrolled', 'female'),
        trained: cell('trained'),
        internshipsStarted: cell('internshipsStarted'),
        placed: cell('placed'),
        dropouts: cell('dropouts'),
        cohortPlaced: cell('cohortPlaced'),
        medianDays: kaplanMeier(subjects).median?.t ?? null,
        targets: sites.map((s) => directory.info.get(s.code)).filter((s) => s !== undefined),
      });
    };
    const allSites = groups.flatMap((g) => g.sites);
    const totalSites = directory.refs.filter((s) => inUnit(s, totals.level, totals.key) && allSites.some((v) => v.code === s.code));
    return {
      groupBy,
      filters: { from: query.from ?? null, to: query.to ?? null, country: query.country ?? null, site: query.site ?? null },
      minCell: this.engine.publisher.minCell,
      generatedAt: now.toISOString(),
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...figures(g.unit, g.sites) })),
      totals: figures(totals, principal.role === 'site_staff' ? allSites : totalSites),
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
      // Read from the Kaplan–Meier curve; hidden with the cohort it is estimated from.
      medianDaysToPlacement: f.enrolled.suppressed ? null : f.medianDays,
      targets: { enrolled: targetEnrolled, placed: targetPlaced, womenSharePct: womenTarget },
      progress: {
        enrolledPct: f.enrolled.suppressed ? null : pct(f.enrolled.value, targetEnrolled),
        placedPct: f.placed.suppressed ? null : pct(f.placed.value, targetPlaced),
        womenSharePct: f.women.suppressed || f.enrolled.suppressed ? null : pct(f.women.value, f.enrolled.value),
      },
    };
  }
}
