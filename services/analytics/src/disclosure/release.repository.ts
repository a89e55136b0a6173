import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { STEPS } from '../kpis/measures';
import type { MonthCount } from './release-blocks';

/** The series a contribution of one kind (internship, placement, course) is released in. */
export const contributionSeries = (kind: string) => `contribution_${kind}`;

/** Facts per site, kind and month: what release blocks are made of. No rule lives here. */
@Injectable()
export class ReleaseRepository {
  constructor(private readonly ch: ClickHouseService) {}

  async monthCounts(): Promise<MonthCount[]> {
    const db = this.ch.database;
    const steps = Object.values(STEPS)
      .map((col) => `tuple('${col}', ${col})`)
      .join(', ');
    const rows = await this.ch.rows<{ site: string; series: string; month: string; n: string }>(
      `SELECT site, series, month, count() AS n FROM (
         SELECT site_code AS site, step.1 AS series, toString(toStartOfMonth(assumeNotNull(step.2))) AS month
         FROM (SELECT site_code, arrayJoin(arrayFilter(x -> isNotNull(x.2), [${steps}])) AS step
               FROM ${db}.participants FINAL WHERE enrolled_on IS NOT NULL AND site_code != '')
         UNION ALL
         SELECT site_code AS site, concat('contribution_', kind) AS series, toString(toStartOfMonth(occurred_on)) AS month
         FROM ${db}.contributions FINAL WHERE organisation_id != ''
       ) GROUP BY site, series, month`,
    );
    return rows.map((r) => ({ site: r.site, series: r.series, month: r.month, n: Number(r.n) }));
  }
}
