import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ClickHouseSettings } from '@clickhouse/client';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { attributeColumn, STEP_NAMES, stepColumn } from '../kpis/measures';
import { PSEUDONYM_LENGTH } from './export-pseudonym';
import { GENERALISATIONS, quasiIdentifierSql, type Generalisation } from './export-generalisation';

export type ExportFormat = 'csv' | 'parquet';

export interface ParticipantsExportFilter {
  /** Enrolment dates, inclusive (whole quarters). */
  from: string;
  to: string;
  /** The release's evaluation date (a quarter end). */
  asOf: string;
  site?: string;
  country?: string;
  programme?: string;
}

export interface ExportAuditRow {
  extract_id: string;
  at: string;
  actor: string;
  role: string;
  dataset: string;
  format: string;
  filters: string;
  rows: number;
  suppressed: number;
  generalisation: string;
}

const FORMATS: Record<ExportFormat, { clause: string; settings: ClickHouseSettings }> = {
  // Empty fields for unknown values: what R, Stata and pandas read as missing.
  csv: { clause: 'CSVWithNames', settings: { format_csv_null_representation: '' } },
  // Snappy: the codec every Parquet reader has (R arrow, pandas, Stata via Python, hyparquet).
  parquet: { clause: 'Parquet', settings: { output_format_parquet_string_as_string: 1, output_format_parquet_compression_method: 'snappy' } as ClickHouseSettings },
};

/** Days from enrolment to `expr` when it happened by the evaluation date, else empty. */
const daysTo = (expr: string) => `if(ifNull(${expr} <= as_of, 0), toInt32(dateDiff('day', enrolled_on, assumeNotNull(${expr}))), NULL)`;

/**
 * Record-level extracts, written by ClickHouse in the requested format and streamed as they come.
 * Only the release of export-generalisation.ts: consenting, not erased people, quasi-identifiers
 * generalised and classes under k left out; durations instead of dates. The beneficiary id never
 * leaves the query, only its keyed hash, salted with the extract's id.
 */
@Injectable()
export class ExportsRepository {
  constructor(private readonly ch: ClickHouseService) {}

  /** The release population: consenting, not erased participants enrolled by the evaluation date. */
  private release(): string {
    const db = this.ch.database;
    return `(SELECT * FROM ${db}.participants FINAL
             WHERE enrolled_on IS NOT NULL AND site_code != '' AND erased_on IS NULL AND enrolled_on <= toDate32({asOf:String})
               AND pseudonym IN (SELECT pseudonym FROM ${db}.consents FINAL WHERE evaluation_follow_up = 1))`;
  }

  private topCitizenships(): string {
    const top = Math.max(...GENERALISATIONS.map((g) => g.citizenshipTop));
    return `(SELECT groupArray(citizenship) FROM (SELECT citizenship FROM ${this.release()} GROUP BY citizenship ORDER BY count() DESC, citizenship LIMIT ${top}))`;
  }

  /** The release's rows with their class size at a level of generalisation. */
  private classes(g: Generalisation): string {
    const q = quasiIdentifierSql(g, 'top');
    return `(WITH ${this.topCitizenships()} AS top
             SELECT *, ${q.sex} AS g_sex, ${q.ageBand} AS g_age_band, ${q.citizenship} AS g_citizenship, ${q.quarter} AS g_quarter,
                    count() OVER (PARTITION BY site_code, g_sex, g_age_band, g_citizenship, legal_status, g_quarter) AS class_size
             FROM ${this.release()})`;
  }

  /** Rows of the release, and per level the rows in classes under k. */
  async suppressionByLevel(asOf: string, k: number): Promise<{ total: number; suppressed: number[] }> {
    const counts = await Promise.all(
      GENERALISATIONS.map((g) => this.ch.rows<{ total: string; small: string }>(`SELECT count() AS total, countIf(class_size < {k:UInt32}) AS small FROM ${this.classes(g)}`, { asOf, k })),
    );
    return { total: Number(counts[0]?.[0]?.total ?? 0), suppressed: counts.map((c) => Number(c[0]?.small ?? 0)) };
  }

  private where(filter: ParticipantsExportFilter): string {
    const where = ['enrolled_on BETWEEN toDate32({from:String}) AND toDate32({to:String})'];
    if (filter.site !== undefined) where.push('site_code = {site:String}');
    if (filter.country !== undefined) where.push('country = {country:String}');
    if (filter.programme !== undefined) where.push('programme = {programme:String}');
    return where.join(' AND ');
  }

  /** Rows a filter selects from the release, and those of them left out (classes under k). */
  async count(filter: ParticipantsExportFilter, g: Generalisation, k: number): Promise<{ rows: number; suppressed: number }> {
    const [r] = await this.ch.rows<{ rows: string; suppressed: string }>(
      `SELECT countIf(class_size >= {k:UInt32}) AS rows, countIf(class_size < {k:UInt32}) AS suppressed FROM ${this.classes(g)} WHERE ${this.where(filter)}`,
      { ...filter, k },
    );
    return { rows: Number(r?.rows ?? 0), suppressed: Number(r?.suppressed ?? 0) };
  }

  /**
   * One row per participant of the release that the filter selects: generalised quasi-identifiers,
   * days from enrolment to each step, first contract, employment at the follow-ups, and time to
   * placement with its censoring (the Kaplan–Meier input of `timesToEvent`, per person).
   */
  async participants(filter: ParticipantsExportFilter, g: Generalisation, k: number, pseudonym: { ipad: string; opad: string; extract: string }, format: ExportFormat): Promise<Readable> {
    const steps = STEP_NAMES.filter((s) => s !== 'enrolled')
      .map((s) => `${daysTo(stepColumn(s))} AS ${s}Days`)
      .join(',\n  ');
    const employed = ([3, 6, 12] as const).map((m) => `CAST(if(ifNull(followup_${m}_on <= as_of, 0), ifNull(employed_${m}_on <= as_of, 0) = 1, NULL) AS Nullable(Bool)) AS employedAt${m}`).join(',\n  ');
    const { clause, settings } = FORMATS[format];
    const query = `
WITH toDate32({asOf:String}) AS as_of,
     ifNull(placed_on <= as_of, 0) AS has_event,
     ifNull(dropped_on <= as_of, 0) AS has_dropped
SELECT
  substring(lower(hex(SHA256(concat(unhex({opad:String}), SHA256(concat(unhex({ipad:String}), {extract:String}, pseudonym)))))), 1, ${PSEUDONYM_LENGTH}) AS pid,
  site_code AS site, country, programme, g_sex AS sex, g_age_band AS ageBand, legal_status AS legalStatus, g_citizenship AS citizenship, g_quarter AS enrolmentQuarter,
  ${steps},
  if(has_event, nullIf(${attributeColumn('firstContractType')}, ''), NULL) AS firstContractType,
  ${employed},
  toInt32(greatest(0, dateDiff('day', enrolled_on, assumeNotNull(multiIf(has_event, placed_on, has_dropped, dropped_on, as_of))))) AS days,
  CAST(has_event AS Bool) AS placed,
  if(has_event, NULL, if(has_dropped, 'dropout', 'evaluation-date')) AS censorReason
FROM ${this.classes(g)}
WHERE class_size >= {k:UInt32} AND ${this.where(filter)}
ORDER BY site, enrolmentQuarter, pid
FORMAT ${clause}`;
    const result = await this.ch.client.exec({ query, query_params: { ...filter, k, ...pseudonym }, clickhouse_settings: settings });
    return result.stream;
  }

  async audit(row: ExportAuditRow): Promise<void> {
    await this.ch.client.insert({ table: `${this.ch.database}.export_audit`, values: [row], format: 'JSONEachRow' });
  }

  async auditLog(limit: number): Promise<ExportAuditRow[]> {
    const rows = await this.ch.rows<ExportAuditRow & { rows: string; suppressed: string }>(
      `SELECT extract_id, toString(at) AS at, actor, role, dataset, format, filters, rows, suppressed, generalisation
       FROM ${this.ch.database}.export_audit ORDER BY at DESC, extract_id LIMIT {limit:UInt32}`,
      { limit },
    );
    return rows.map((r) => ({ ...r, rows: Number(r.rows), suppressed: Number(r.suppressed) }));
  }
}
