import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ClickHouseSettings } from '@clickhouse/client';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { attributeColumn, STEP_NAMES, stepColumn } from '../kpis/measures';
import { PSEUDONYM_LENGTH } from './export-pseudonym';

export type ExportFormat = 'csv' | 'parquet';

export interface ParticipantsExportFilter {
  /** Enrolment dates, inclusive. */
  from: string;
  to: string;
  asOf: string;
  site?: string;
  country?: string;
  programme?: string;
}

const FORMATS: Record<ExportFormat, { clause: string; settings: ClickHouseSettings }> = {
  // Empty fields for unknown values: what R, Stata and pandas read as missing.
  csv: { clause: 'CSVWithNames', settings: { format_csv_null_representation: '' } },
  // Snappy: the codec every Parquet reader has (R arrow, pandas, Stata via Python, hyparquet).
  parquet: { clause: 'Parquet', settings: { output_format_parquet_string_as_string: 1, output_format_parquet_compression_method: 'snappy' } as ClickHouseSettings },
};

/** `x` when it happened by the evaluation date, else empty: later facts are not known yet. */
const known = (expr: string) => `if(ifNull(${expr} <= as_of, 0), ${expr}, NULL)`;

/**
 * Record-level extracts, written by ClickHouse itself in the requested format and streamed as
 * they come. Erased people never appear (kpis.md); the beneficiary id never leaves the query,
 * only its keyed hash does.
 */
@Injectable()
export class ExportsRepository {
  constructor(private readonly ch: ClickHouseService) {}

  /**
   * One row per participant: site and coarse attributes, the date of each step, first contract,
   * employment at the follow-ups, and time to placement with its censoring (the Kaplan–Meier
   * input of `timesToEvent`, per person).
   */
  async participants(filter: ParticipantsExportFilter, pads: { ipad: string; opad: string }, format: ExportFormat): Promise<Readable> {
    const steps = STEP_NAMES.map((s) => `${known(stepColumn(s))} AS ${s}On`).join(',\n  ');
    const employed = ([3, 6, 12] as const).map((m) => `CAST(if(ifNull(followup_${m}_on <= as_of, 0), ifNull(employed_${m}_on <= as_of, 0) = 1, NULL) AS Nullable(Bool)) AS employedAt${m}`).join(',\n  ');
    const where = ["enrolled_on IS NOT NULL", "site_code != ''", 'erased_on IS NULL', 'enrolled_on <= as_of', 'enrolled_on BETWEEN toDate32({from:String}) AND toDate32({to:String})'];
    if (filter.site !== undefined) where.push('site_code = {site:String}');
    if (filter.country !== undefined) where.push('country = {country:String}');
    if (filter.programme !== undefined) where.push('programme = {programme:String}');
    const { clause, settings } = FORMATS[format];
    const query = `
WITH toDate32({asOf:String}) AS as_of,
     ifNull(placed_on <= as_of, 0) AS has_event,
     ifNull(dropped_on <= as_of, 0) AS has_dropped
SELECT
  substring(lower(hex(SHA256(concat(unhex({opad:String}), SHA256(concat(unhex({ipad:String}), beneficiary_id)))))), 1, ${PSEUDONYM_LENGTH}) AS pid,
  site_code AS site, country, programme, sex, age_band AS ageBand, legal_status AS legalStatus, citizenship,
  ${steps},
  if(has_event, nullIf(${attributeColumn('firstContractType')}, ''), NULL) AS firstContractType,
  ${employed},
  toInt32(greatest(0, dateDiff('day', enrolled_on, assumeNotNull(multiIf(has_event, placed_on, has_dropped, dropped_on, as_of))))) AS days,
  CAST(has_event AS Bool) AS placed,
  if(has_event, NULL, if(has_dropped, dropped_on, as_of)) AS censoredOn,
  if(has_event, NULL, if(has_dropped, 'dropout', 'evaluation-date')) AS censorReason
FROM ${this.ch.database}.participants FINAL
WHERE ${where.join(' AND ')}
ORDER BY site, enrolled_on, pid
FORMAT ${clause}`;
    const result = await this.ch.client.exec({ query, query_params: { ...filter, ...pads }, clickhouse_settings: settings });
    return result.stream;
  }
}
