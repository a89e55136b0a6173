import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { suppressColumn, unsuppressed, type Cell } from './disclosure';
import { KpisRepository, type SiteCounts, type SiteInfo } from './kpis.repository';
import type { OverviewQuery, OverviewResponse } from './kpis.schemas';
import { kaplanMeier, type KmSubject } from './kaplan-meier';
import { wilsonInterval } from './statistics';
import { MIN_CELL } from './kpis.tokens';

export { MIN_CELL };


const COUNT_COLUMNS = ['enrolled', 'women', 'trained', 'internships_started', 'placed', 'dropouts', 'cohort', 'cohort_placed'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

interface Group {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
  counts: Record<CountColumn, number>;
  targetEnrolled: number | null;
  targetPlaced: number | null;
  /** Sum of target share × target enrolled, to weight the women-share target across sites. */
  targetWomenWeighted: number | null;
}

const zeroCounts = (): Record<CountColumn, number> => ({ enrolled: 0, women: 0, trained: 0, internships_started: 0, placed: 0, dropouts: 0, cohort: 0, cohort_placed: 0 });
const pct = (num: number | null, den: number | null) => (num === null || den === null || den === 0 ? null : Math.round((num / den) * 1000) / 10);
const addNullable = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

@Injectable()
export class KpisService {
  constructor(
    private readonly kpis: KpisRepository,
    @Inject(MIN_CELL) private readonly minCell: number,
  ) {}

  async overview(principal: Principal, query: OverviewQuery, now = new Date()): Promise<OverviewResponse> {
    const groupBy = query.groupBy ?? 'site';
    const allowedSites = principal.role === 'site_staff' ? principal.sites : null;
    const period = { from: query.from ?? '1900-01-01', to: query.to ?? '2299-12-31' };
    const [counts, sites] = await Promise.all([this.kpis.siteCounts(period, allowedSites, now.toISOString().slice(0, 10)), this.kpis.sites()]);
    const info = new Map(sites.map((s) => [s.site_code, s]));
    const visibleSites = new Set<string>([...sites.map((s) => s.site_code), ...counts.map((c) => c.site_code)]);
    const byCode = new Map(counts.map((c) => [c.site_code, c]));

    const groups = new Map<string, Group>();
    const groupOfSite = new Map<string, string>();
    for (const code of [...visibleSites].sort()) {
      const site = info.get(code);
      const row = byCode.get(code);
      const country = site?.country ?? row?.country ?? code.slice(0, 2);
      const programme = site?.programme ?? null;
      if (allowedSites && !allowedSites.includes(code)) continue;
      if (query.site && query.site !== code) continue;
      if (query.country && query.country !== country) continue;
      if (query.programme && query.programme !== programme) continue;
      const key = groupBy === 'site' ? code : groupBy === 'country' ? country : (programme ?? 'unknown');
      const group = groups.get(key) ?? this.emptyGroup(key, groupBy, site, country, programme);
      this.accumulate(group, row, site);
      groups.set(key, group);
      groupOfSite.set(code, key);
    }
    // Kaplan–Meier per group over the same cohort as the placement rate (kpis.md "Time to placement").
    const subjects = new Map<string, KmSubject[]>();
    for (const row of counts) {
      const key = groupOfSite.get(row.site_code);
      if (key === undefined) continue;
      const list = subjects.get(key) ?? [];
      for (const t of row.placement_times) list.push({ time: t.days, event: t.placed });
      subjects.set(key, list);
    }
    const medianOf = (list: readonly KmSubject[]) => kaplanMeier(list).median?.t ?? null;

    const list = [...groups.values()];
    const confine = principal.role !== 'site_staff';
    const columns = Object.fromEntries(
      COUNT_COLUMNS.map((col) => {
        const values = list.map((g) => g.counts[col]);
        return [col, confine ? suppressColumn(values, this.minCell) : unsuppressed(values)];
      }),
    ) as Record<CountColumn, Cell[]>;
    const totals = zeroCounts();
    let totalTargets: Group = this.emptyGroup('total', groupBy, undefined, null, null);
    for (const g of list) {
      for (const col of COUNT_COLUMNS) totals[col] += g.counts[col];
      totalTargets = { ...totalTargets, targetEnrolled: addNullable(totalTargets.targetEnrolled, g.targetEnrolled), targetPlaced: addNullable(totalTargets.targetPlaced, g.targetPlaced), targetWomenWeighted: addNullable(totalTargets.targetWomenWeighted, g.targetWomenWeighted) };
    }
    const totalCells = Object.fromEntries(
      COUNT_COLUMNS.map((col) => [col, confine ? suppressColumn([totals[col]], this.minCell)[0] : { value: totals[col], suppressed: false }]),
    ) as Record<CountColumn, Cell>;

    return {
      groupBy,
      filters: { from: query.from ?? null, to: query.to ?? null, country: query.country ?? null, site: query.site ?? null },
      minCell: this.minCell,
      generatedAt: now.toISOString(),
      groups: list.map((g, i) => ({
        key: g.key,
        label: g.label,
        country: g.country,
        programme: g.programme,
        ...this.figures(Object.fromEntries(COUNT_COLUMNS.map((col) => [col, columns[col][i] as Cell])) as Record<CountColumn, Cell>, g, medianOf(subjects.get(g.key) ?? [])),
      })),
      totals: this.figures(totalCells, totalTargets, medianOf([...subjects.values()].flat())),
    };
  }

  private emptyGroup(key: string, groupBy: string, site: SiteInfo | undefined, country: string | null, programme: string | null): Group {
    const label = groupBy === 'site' ? (site ? `${site.name} (${key})` : key) : key;
    return {
      key,
      label,
      country: groupBy === 'programme' ? null : country,
      programme: groupBy === 'country' ? null : programme,
      counts: zeroCounts(),
      targetEnrolled: null,
      targetPlaced: null,
      targetWomenWeighted: null,
    };
  }

  private accumulate(group: Group, row: SiteCounts | undefined, site: SiteInfo | undefined): void {
    if (row) for (const col of COUNT_COLUMNS) group.counts[col] += row[col];
    if (site) {
      group.targetEnrolled = addNullable(group.targetEnrolled, site.target_enrolled);
      group.targetPlaced = addNullable(group.targetPlaced, site.target_placed);
      if (site.target_women_share_pct !== null && site.target_enrolled !== null) {
        group.targetWomenWeighted = addNullable(group.targetWomenWeighted, site.target_women_share_pct * site.target_enrolled);
      }
    }
  }

  private figures(cells: Record<CountColumn, Cell>, targets: Group, medianDays: number | null): OverviewResponse['totals'] {
    const rateHidden = cells.cohort.suppressed || cells.cohort_placed.suppressed;
    const interval = rateHidden ? null : wilsonInterval(cells.cohort_placed.value ?? 0, cells.cohort.value ?? 0);
    const womenTarget = targets.targetWomenWeighted !== null && targets.targetEnrolled ? Math.round((targets.targetWomenWeighted / targets.targetEnrolled) * 10) / 10 : null;
    const womenShare = cells.women.suppressed || cells.enrolled.suppressed ? null : pct(cells.women.value, cells.enrolled.value);
    return {
      enrolled: cells.enrolled,
      women: cells.women,
      trained: cells.trained,
      internshipsStarted: cells.internships_started,
      placed: cells.placed,
      dropouts: cells.dropouts,
      placementRatePct: {
        value: interval?.value ?? null,
        low: interval?.low ?? null,
        high: interval?.high ?? null,
        numerator: rateHidden ? null : cells.cohort_placed.value,
        denominator: rateHidden ? null : cells.cohort.value,
        suppressed: rateHidden,
      },
      // Read from the Kaplan–Meier curve; hidden with the cohort it is estimated from.
      medianDaysToPlacement: cells.cohort.suppressed ? null : medianDays,
      targets: { enrolled: targets.targetEnrolled, placed: targets.targetPlaced, womenSharePct: womenTarget },
      progress: {
        enrolledPct: cells.enrolled.suppressed ? null : pct(cells.enrolled.value, targets.targetEnrolled),
        placedPct: cells.placed.suppressed ? null : pct(cells.placed.value, targets.targetPlaced),
        womenSharePct: womenShare,
      },
    };
  }
}
