import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import type { Counting } from '../disclosure/disclosure.service';
import type { Tally } from '../disclosure/perturbation-table';
import { recordKeySql } from '../disclosure/record-key';
import { contributionSeries } from '../disclosure/release.repository';
import { categorySql, isExhaustive, SqlBuilder, stepColumn, type Categorisation, type Condition, type Scope, type Step } from './measures';

/** Tallies of several measures per site, and per site × category when categorised. */
export interface CountTable {
  /** measure → site code → tally over all categories */
  totals: Record<string, Map<string, Tally>>;
  /** measure → site code → category → tally (empty without a categorisation) */
  cells: Record<string, Map<string, Map<string, Tally>>>;
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

/** Days from enrolment to an event or to censoring, for one person of a cohort, with their record key (0 when counting exactly). */
export interface TimeToEvent {
  site_code: string;
  days: number;
  event: boolean;
  key: number;
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
  internships: Tally;
  placements: Tally;
  courses: Tally;
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

  /**
   * Participants (only people whose enrolment is known: kpis.md "Counting rules"), with the released
   * dates the builder's conditions use and, for protected counting, each person's record key `rk`.
   */
  private people(b: SqlBuilder, counting: Counting): string {
    const extra = [...b.releasedColumns()];
    if (counting.recordKey) {
      const rk = recordKeySql(counting.recordKey, 'pseudonym');
      Object.assign(b.params, rk.params);
      extra.push(`${rk.sql} AS rk`);
    }
    return `(SELECT *${extra.map((e) => `, ${e}`).join('')} FROM ${this.ch.database}.participants FINAL WHERE enrolled_on IS NOT NULL AND site_code != '')`;
  }

  /** Count (and record-key sum, when protected) of each measure, as select-list entries. */
  private tallies(names: readonly string[], measures: Record<string, Condition>, b: SqlBuilder, counting: Counting): string {
    return names
      .map((n) => {
        const c = b.condition(measures[n] as Condition);
        return counting.recordKey ? `countIf(${c}) AS ${n}, sumIf(rk, ${c}) % 4294967296 AS ${n}__key` : `countIf(${c}) AS ${n}`;
      })
      .join(', ');
  }

  async countTable(measures: Record<string, Condition>, categorisation: Categorisation | null, scope: Scope, counting: Counting): Promise<CountTable> {
    const names = Object.keys(measures);
    for (const n of names) if (!MEASURE_NAME.test(n)) throw new RangeError(`bad measure name "${n}"`);
    const tallyOf = (r: Record<string, string>, n: string): Tally => ({ n: Number(r[n]), key: Number(r[`${n}__key`] ?? 0) });
    const table: CountTable = { totals: {}, cells: {} };
    // Exhaustive categories add up to the total, so the total comes from the same query as the
    // cells: two queries read two moments of a table that ingest keeps writing to, and a total
    // that is not the sum of its cells would be both wrong and a disclosure risk.
    const totalsFromCells = categorisation !== null && isExhaustive(categorisation);
    let totals: Record<string, string>[] = [];
    if (!totalsFromCells) {
      const b = new SqlBuilder(counting.release);
      const selects = this.tallies(names, measures, b, counting);
      totals = await this.ch.rows<Record<string, string>>(`SELECT site_code, ${selects} FROM ${this.people(b, counting)} GROUP BY site_code`, { ...b.params, ...scope });
    }
    for (const n of names) {
      table.totals[n] = new Map(totals.map((r) => [r.site_code as string, tallyOf(r, n)]));
      table.cells[n] = new Map();
    }
    if (!categorisation) return table;
    const cb = new SqlBuilder(counting.release);
    const cellSelects = this.tallies(names, measures, cb, counting);
    const category = categorySql(categorisation, cb);
    const rows = await this.ch.rows<Record<string, string>>(`SELECT site_code, ${category} AS category, ${cellSelects} FROM ${this.people(cb, counting)} GROUP BY site_code, category`, { ...cb.params, ...scope });
    for (const r of rows) {
      for (const n of names) {
        const bySite = table.cells[n] as Map<string, Map<string, Tally>>;
        const site = bySite.get(r.site_code as string) ?? new Map<string, Tally>();
        const t = tallyOf(r, n);
        site.set(r.category as string, t);
        bySite.set(r.site_code as string, site);
        if (totalsFromCells) {
          const siteTotals = table.totals[n] as Map<string, Tally>;
          const prev = siteTotals.get(r.site_code as string) ?? { n: 0, key: 0 };
          siteTotals.set(r.site_code as string, { n: prev.n + t.n, key: (prev.key + t.key) % 4294967296 });
        }
      }
    }
    return table;
  }

  /**
   * Days from enrolment to the first `step` for everyone matching `cohort`, censored at drop-out
   * or at the evaluation date when the step has not happened by then (kpis.md "Time to placement").
   * Counted at release dates, a step or drop-out is known once released, and a person still
   * waiting is censored at the evaluation date counted from their released enrolment date (so
   * everyone of an enrolment block is censored at the same time); durations are recorded ones.
   */
  async timesToEvent(cohort: Condition, step: Step, scope: Scope, counting: Counting, extra?: Condition): Promise<TimeToEvent[]> {
    const b = new SqlBuilder(counting.release);
    const where = b.condition(extra ? { all: [cohort, extra] } : cohort);
    const col = stepColumn(step);
    const asOf = 'toDate32({asOf:String})';
    const known = (c: string) => `ifNull(${b.date(c)} <= ${asOf}, 0)`;
    const censoredFrom = b.date('enrolled_on');
    const key = counting.recordKey ? 'rk' : '0';
    const rows = await this.ch.rows<{ site_code: string; days: string; event: number; key: string }>(
      `SELECT site_code,
              greatest(0, multiIf(has_event, dateDiff('day', enrolled_on, ${col}),
                                  dropped_on IS NOT NULL AND ${known('dropped_on')} AND dropped_on < ${asOf}, dateDiff('day', enrolled_on, dropped_on),
                                  dateDiff('day', ${censoredFrom}, ${asOf}))) AS days,
              has_event AS event, ${key} AS key
       FROM (SELECT *, ${known(col)} AS has_event FROM ${this.people(b, counting)})
       WHERE ${where} AND ${censoredFrom} <= ${asOf}`,
      { ...b.params, ...scope },
    );
    return rows.map((r) => ({ site_code: r.site_code, days: Number(r.days), event: Boolean(Number(r.event)), key: Number(r.key) }));
  }

  /** Sites, countries and programmes as participants' enrolments name them (a site may not be registered yet). */
  async participantSites(): Promise<{ site_code: string; country: string; programme: string }[]> {
    return this.ch.rows(
      `SELECT site_code, any(country) AS country, any(programme) AS programme FROM ${this.ch.database}.participants FINAL
       WHERE enrolled_on IS NOT NULL AND site_code != '' GROUP BY site_code ORDER BY site_code`,
    );
  }

  /** Citizenships by number of participants enrolled in the scope, most frequent first. */
  async citizenshipRanking(scope: Scope, counting: Counting): Promise<string[]> {
    const b = new SqlBuilder(counting.release);
    const enrolled = b.condition({ step: 'enrolled' });
    const rows = await this.ch.rows<{ citizenship: string }>(
      `SELECT citizenship, count() AS n FROM ${this.people(b, { ...counting, recordKey: null })}
       WHERE ${enrolled} GROUP BY citizenship ORDER BY n DESC, citizenship`,
      { ...b.params, ...scope },
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

  /**
   * Internships, placements and courses in the period by the type of the cluster member behind
   * them, MEIC-15: people's activities, so counted like people (at release dates, with record
   * keys of the activity's event, when protected).
   */
  async contributionCounts(scope: Scope, counting: Counting): Promise<ContributionCounts[]> {
    const b = new SqlBuilder(null);
    const release = counting.release;
    // A contribution's released date: the end of the block of its kind at its site.
    let at = 'occurred_on';
    if (release) {
      const blocks = ['internship', 'placement', 'course'].flatMap((kind) =>
        [...release.closes].filter(([k]) => k.endsWith(`|${contributionSeries(kind)}`)).map(([k, months]) => ({ key: `${k.split('|')[0]}|${kind}`, months })),
      );
      at = b.releasedDate('occurred_on', "concat(site_code, '|', kind)", blocks);
    }
    const inPeriod = `ifNull(${at} BETWEEN toDate32({from:String}) AND toDate32({to:String}) AND ${at} <= toDate32({asOf:String}), 0)`;
    let key = '0';
    if (counting.recordKey) {
      const rk = recordKeySql(counting.recordKey, 'toString(event_id)');
      Object.assign(b.params, rk.params);
      key = rk.sql;
    }
    const tallies = (kind: string, name: string) => `countIf(kind = '${kind}' AND ${inPeriod}) AS ${name}, sumIf(${key}, kind = '${kind}' AND ${inPeriod}) % 4294967296 AS ${name}__key`;
    const rows = await this.ch.rows<Record<string, string>>(
      `SELECT site_code, org_type, ${tallies('internship', 'internships')}, ${tallies('placement', 'placements')}, ${tallies('course', 'courses')}
       FROM ${this.ch.database}.contributions FINAL
       WHERE organisation_id != ''
       GROUP BY site_code, org_type ORDER BY site_code, org_type`,
      { ...b.params, ...scope },
    );
    const t = (r: Record<string, string>, n: string): Tally => ({ n: Number(r[n]), key: Number(r[`${n}__key`]) });
    return rows.map((r) => ({ site_code: r.site_code as string, org_type: r.org_type as string, internships: t(r, 'internships'), placements: t(r, 'placements'), courses: t(r, 'courses') }));
  }
}
