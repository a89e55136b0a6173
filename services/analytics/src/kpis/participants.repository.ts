import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { categorySql, isExhaustive, SqlBuilder, stepColumn, type Categorisation, type Condition, type Scope, type Step } from './measures';

/** Counts of several measures per site, and per site × category when categorised. */
export interface CountTable {
  /** measure → site code → count over all categories */
  totals: Record<string, Map<string, number>>;
  /** measure → site code → category → count (empty without a categorisation) */
  cells: Record<string, Map<string, Map<string, number>>>;
}

export interface SiteRow {
  site_code: string;
  country: string;
  programme: string;
  name: string;
  city: string;
  cluster_name: string;
  target_enrolled: number;
  target_placed: number;
  target_women_share_pct: number;
}

/** Days from enrolment to an event or to censoring, for one person of a cohort. */
export interface TimeToEvent {
  site_code: string;
  days: number;
  event: boolean;
}

export interface OrganisationCounts {
  site_code: string;
  type: string;
  members: number;
  active: number;
  provided_course: number;
  hosted_internship: number;
  hired: number;
}

export interface ContributionCounts {
  site_code: string;
  org_type: string;
  internships: number;
  placements: number;
  courses: number;
}

const MEASURE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Reads the per-person and per-organisation tables the materialised views maintain
 * (clickhouse/migrations/0003). No business rule lives here: conditions come compiled from
 * `measures.ts`; this class only runs them.
 */
@Injectable()
export class ParticipantsRepository {
  constructor(private readonly ch: ClickHouseService) {}

  private people(): string {
    // Only people whose enrolment is known are participants (kpis.md "Counting rules").
    return `(SELECT * FROM ${this.ch.database}.participants FINAL WHERE enrolled_on IS NOT NULL AND site_code != '')`;
  }

  async countTable(measures: Record<string, Condition>, categorisation: Categorisation | null, scope: Scope): Promise<CountTable> {
    const names = Object.keys(measures);
    for (const n of names) if (!MEASURE_NAME.test(n)) throw new RangeError(`bad measure name "${n}"`);
    const b = new SqlBuilder();
    const selects = names.map((n) => `countIf(${b.condition(measures[n] as Condition)}) AS ${n}`).join(', ');
    const params = { ...b.params, ...scope };
    const table: CountTable = { totals: {}, cells: {} };
    // Exhaustive categories add up to the total, so the total comes from the same query as the
    // cells: two queries read two moments of a table that ingest keeps writing to, and a total
    // that is not the sum of its cells would be both wrong and a disclosure risk.
    const totalsFromCells = categorisation !== null && isExhaustive(categorisation);
    const totals = totalsFromCells ? [] : await this.ch.rows<Record<string, string>>(`SELECT site_code, ${selects} FROM ${this.people()} GROUP BY site_code`, params);
    for (const n of names) {
      table.totals[n] = new Map(totals.map((r) => [r.site_code as string, Number(r[n])]));
      table.cells[n] = new Map();
    }
    if (!categorisation) return table;
    const cb = new SqlBuilder();
    const cellSelects = names.map((n) => `countIf(${cb.condition(measures[n] as Condition)}) AS ${n}`).join(', ');
    const category = categorySql(categorisation, cb);
    const rows = await this.ch.rows<Record<string, string>>(
      `SELECT site_code, ${category} AS category, ${cellSelects} FROM ${this.people()} GROUP BY site_code, category`,
      { ...cb.params, ...scope },
    );
    for (const r of rows) {
      for (const n of names) {
        const bySite = table.cells[n] as Map<string, Map<string, number>>;
        const site = bySite.get(r.site_code as string) ?? new Map<string, number>();
        site.set(r.category as string, Number(r[n]));
        bySite.set(r.site_code as string, site);
        if (totalsFromCells) {
          const siteTotals = table.totals[n] as Map<string, number>;
          siteTotals.set(r.site_code as string, (siteTotals.get(r.site_code as string) ?? 0) + Number(r[n]));
        }
      }
    }
    return table;
  }

  /**
   * Days from enrolment to the first `step` for everyone matching `cohort`, censored at drop-out
   * or at the evaluation date when the step has not happened by then (kpis.md "Time to placement").
   */
  async timesToEvent(cohort: Condition, step: Step, scope: Scope, extra?: Condition): Promise<TimeToEvent[]> {
    const b = new SqlBuilder();
    const where = b.condition(extra ? { all: [cohort, extra] } : cohort);
    const col = stepColumn(step);
    const asOf = 'toDate32({asOf:String})';
    const rows = await this.ch.rows<{ site_code: string; days: string; event: number }>(
      `SELECT site_code,
              greatest(0, dateDiff('day', enrolled_on,
                 multiIf(has_event, ${col}, dropped_on IS NOT NULL AND dropped_on < ${asOf}, dropped_on, ${asOf}))) AS days,
              has_event AS event
       FROM (SELECT *, ifNull(${col} <= ${asOf}, 0) AS has_event FROM ${this.people()})
       WHERE ${where} AND enrolled_on <= ${asOf}`,
      { ...b.params, ...scope },
    );
    return rows.map((r) => ({ site_code: r.site_code, days: Number(r.days), event: Boolean(Number(r.event)) }));
  }

  /** Sites, countries and programmes as participants' enrolments name them (a site may not be registered yet). */
  async participantSites(): Promise<{ site_code: string; country: string; programme: string }[]> {
    return this.ch.rows(`SELECT site_code, any(country) AS country, any(programme) AS programme FROM ${this.people()} GROUP BY site_code ORDER BY site_code`);
  }

  /** Citizenships by number of participants enrolled in the scope, most frequent first. */
  async citizenshipRanking(scope: Scope): Promise<string[]> {
    const rows = await this.ch.rows<{ citizenship: string }>(
      `SELECT citizenship, count() AS n FROM ${this.people()}
       WHERE enrolled_on BETWEEN toDate32({from:String}) AND toDate32({to:String})
       GROUP BY citizenship ORDER BY n DESC, citizenship`,
      { ...scope },
    );
    return rows.map((r) => r.citizenship);
  }

  /** The latest state of every site. */
  async sites(): Promise<SiteRow[]> {
    const rows = await this.ch.rows<Record<keyof SiteRow, string>>(
      `SELECT site_code, country, programme, name, city, cluster_name, target_enrolled, target_placed, target_women_share_pct
       FROM ${this.ch.database}.sites FINAL ORDER BY site_code`,
    );
    return rows.map((r) => ({
      site_code: r.site_code,
      country: r.country,
      programme: r.programme,
      name: r.name,
      city: r.city,
      cluster_name: r.cluster_name,
      target_enrolled: Number(r.target_enrolled),
      target_placed: Number(r.target_placed),
      target_women_share_pct: Number(r.target_women_share_pct),
    }));
  }

  /**
   * Cluster members per site and type that were members at some time in the period, and those
   * active in it (provided a course, hosted an internship or hired), MEIC-14.
   */
  async organisationCounts(scope: Scope): Promise<OrganisationCounts[]> {
    const inPeriod = (col: string) => `ifNull(${col} BETWEEN toDate32({from:String}) AND toDate32({to:String}), 0)`;
    const rows = await this.ch.rows<Record<keyof OrganisationCounts, string>>(
      `SELECT site_code, type, count() AS members,
              countIf(${inPeriod('first_course_on')} OR ${inPeriod('first_hosted_on')} OR ${inPeriod('first_hired_on')}) AS active,
              countIf(${inPeriod('first_course_on')}) AS provided_course,
              countIf(${inPeriod('first_hosted_on')}) AS hosted_internship,
              countIf(${inPeriod('first_hired_on')}) AS hired
       FROM ${this.ch.database}.organisations FINAL
       WHERE joined_on IS NOT NULL AND joined_on <= toDate32({to:String})
         AND (left_on IS NULL OR left_on >= toDate32({from:String}))
       GROUP BY site_code, type ORDER BY site_code, type`,
      { ...scope },
    );
    return rows.map((r) => ({
      site_code: r.site_code,
      type: r.type,
      members: Number(r.members),
      active: Number(r.active),
      provided_course: Number(r.provided_course),
      hosted_internship: Number(r.hosted_internship),
      hired: Number(r.hired),
    }));
  }

  /** Internships, placements and courses in the period by the type of the cluster member behind them, MEIC-15. */
  async contributionCounts(scope: Scope): Promise<ContributionCounts[]> {
    const rows = await this.ch.rows<Record<keyof ContributionCounts, string>>(
      `SELECT site_code, org_type,
              countIf(kind = 'internship') AS internships, countIf(kind = 'placement') AS placements, countIf(kind = 'course') AS courses
       FROM ${this.ch.database}.contributions FINAL
       WHERE organisation_id != '' AND occurred_on BETWEEN toDate32({from:String}) AND toDate32({to:String})
       GROUP BY site_code, org_type ORDER BY site_code, org_type`,
      { ...scope },
    );
    return rows.map((r) => ({ site_code: r.site_code, org_type: r.org_type, internships: Number(r.internships), placements: Number(r.placements), courses: Number(r.courses) }));
  }
}
