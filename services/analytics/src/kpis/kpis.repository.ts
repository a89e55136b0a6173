import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service';

export interface SiteCounts {
  site_code: string;
  country: string;
  enrolled: number;
  women: number;
  trained: number;
  internships_started: number;
  placed: number;
  dropouts: number;
  cohort: number;
  cohort_placed: number;
  /** Time to placement of each member of the cohort enrolled by `asOf`, for the Kaplan–Meier curve. */
  placement_times: PlacementTime[];
}

export interface SiteInfo {
  site_code: string;
  country: string;
  name: string;
  programme: string;
  target_enrolled: number | null;
  target_placed: number | null;
  target_women_share_pct: number | null;
}

export interface Period {
  from: string;
  to: string;
}

/**
 * One row per participant: site and sex at enrolment, the first date of each counted step.
 * The same definition serves every query, so counts and curves agree on who is who.
 */
function peopleCte(db: string, siteFilter: string): string {
  return `WITH
        firsts AS (
          SELECT beneficiary_id, type, any(site_code) AS first_site, any(country) AS first_country, min(occurred_on) AS first_on,
                 any(JSONExtractString(data, 'sex')) AS first_sex
          FROM ${db}.events FINAL
          WHERE beneficiary_id != '' ${siteFilter}
          GROUP BY beneficiary_id, type
        ),
        people AS (
          SELECT beneficiary_id,
                 anyIf(first_site, type = 'meic.beneficiary.enrolled.v1') AS site_code,
                 anyIf(first_country, type = 'meic.beneficiary.enrolled.v1') AS country,
                 anyIf(first_sex, type = 'meic.beneficiary.enrolled.v1') AS sex,
                 minIf(first_on, type = 'meic.beneficiary.enrolled.v1') AS enrolled_on,
                 countIf(type = 'meic.beneficiary.enrolled.v1') > 0 AS is_enrolled,
                 countIf(type = 'meic.course.completed.v1') > 0 AS has_trained,
                 minIf(first_on, type = 'meic.course.completed.v1') AS trained_on,
                 countIf(type = 'meic.internship.started.v1') > 0 AS has_internship,
                 minIf(first_on, type = 'meic.internship.started.v1') AS internship_on,
                 countIf(type = 'meic.beneficiary.placed.v1') > 0 AS has_placed,
                 minIf(first_on, type = 'meic.beneficiary.placed.v1') AS placed_on,
                 countIf(type = 'meic.beneficiary.dropped-out.v1') > 0 AS has_dropped,
                 minIf(first_on, type = 'meic.beneficiary.dropped-out.v1') AS dropped_on
          FROM firsts
          GROUP BY beneficiary_id
          HAVING is_enrolled
        )`;
}

export interface PlacementTime {
  /** Days from enrolment to the first placement, or to censoring (drop-out or the evaluation date). */
  days: number;
  placed: boolean;
}

@Injectable()
export class KpisRepository {
  constructor(private readonly ch: ClickHouseService) {}

  /**
   * Per site: people counted once each, by the date their counted event occurred. The
   * placement cohort is everyone enrolled in the period, with placements whenever they happen;
   * its times to placement come from the same scan, censored at drop-out or `asOf`.
   */
  async siteCounts(period: Period, sites: readonly string[] | null, asOf: string): Promise<SiteCounts[]> {
    const db = this.ch.database;
    const siteFilter = sites ? 'AND site_code IN {sites:Array(String)}' : '';
    const rows = await this.ch.rows<Record<Exclude<keyof SiteCounts, 'placement_times'>, string> & { placement_times: [number | string, number | boolean][] }>(
      `${peopleCte(db, siteFilter)}
      SELECT site_code, country,
             countIf(enrolled_on BETWEEN {from:Date32} AND {to:Date32}) AS enrolled,
             countIf(enrolled_on BETWEEN {from:Date32} AND {to:Date32} AND sex = 'female') AS women,
             countIf(has_trained AND trained_on BETWEEN {from:Date32} AND {to:Date32}) AS trained,
             countIf(has_internship AND internship_on BETWEEN {from:Date32} AND {to:Date32}) AS internships_started,
             countIf(has_placed AND placed_on BETWEEN {from:Date32} AND {to:Date32}) AS placed,
             countIf(has_dropped AND dropped_on BETWEEN {from:Date32} AND {to:Date32}) AS dropouts,
             countIf(enrolled_on BETWEEN {from:Date32} AND {to:Date32}) AS cohort,
             countIf(enrolled_on BETWEEN {from:Date32} AND {to:Date32} AND has_placed) AS cohort_placed,
             groupArrayIf(
               (greatest(0, dateDiff('day', enrolled_on,
                  multiIf(has_placed, placed_on, has_dropped AND dropped_on < toDate32({asOf:String}), dropped_on, toDate32({asOf:String})))), has_placed),
               enrolled_on BETWEEN {from:Date32} AND {to:Date32} AND enrolled_on <= toDate32({asOf:String})) AS placement_times
      FROM people
      GROUP BY site_code, country
      ORDER BY site_code`,
      { from: period.from, to: period.to, sites: sites ?? [], asOf },
    );
    return rows.map((r) => ({
      site_code: r.site_code,
      country: r.country,
      enrolled: Number(r.enrolled),
      women: Number(r.women),
      trained: Number(r.trained),
      internships_started: Number(r.internships_started),
      placed: Number(r.placed),
      dropouts: Number(r.dropouts),
      cohort: Number(r.cohort),
      cohort_placed: Number(r.cohort_placed),
      placement_times: r.placement_times.map(([days, placed]) => ({ days: Number(days), placed: Boolean(Number(placed)) })),
    }));
  }

  /** The latest registration of each site: name, programme and targets. */
  async sites(): Promise<SiteInfo[]> {
    const db = this.ch.database;
    const rows = await this.ch.rows<{ site_code: string; country: string; data: string }>(
      `SELECT site_code, any(country) AS country, argMax(data, time) AS data
       FROM ${db}.events FINAL
       WHERE type = 'meic.site.registered.v1'
       GROUP BY site_code`,
    );
    return rows.map((r) => {
      const d = JSON.parse(r.data) as { name: string; programme: string; targets?: { enrolled: number; placed: number; womenSharePct: number } };
      return {
        site_code: r.site_code,
        country: r.country,
        name: d.name,
        programme: d.programme,
        target_enrolled: d.targets?.enrolled ?? null,
        target_placed: d.targets?.placed ?? null,
        target_women_share_pct: d.targets?.womenSharePct ?? null,
      };
    });
  }
}
