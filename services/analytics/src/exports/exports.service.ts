import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, problems, type Principal } from '@meic/service-kit';
import type { Logger } from 'pino';
import { badQuery } from '../kpi-views/bad-query.problem';
import { today } from '../kpi-views/kpi-groups';
import { chooseGeneralisation, releaseQuarterEnd, wholeQuarters } from './export-generalisation';
import { hmacPads } from './export-pseudonym';
import { ExportsRepository, type ExportAuditRow, type ExportFormat } from './exports.repository';
import type { ExportQuery } from './exports.schemas';
import { EXPORT_OPTIONS, type ExportOptions } from './exports.tokens';

export const DATASETS = ['participants'] as const;
export type Dataset = (typeof DATASETS)[number];

const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

export interface ExportFile {
  stream: Readable;
  type: string;
  fileName: string;
  /** What the extract is, for its response headers and the audit log. */
  extract: { id: string; asOf: string; from: string; to: string; rows: number; suppressed: number; generalisation: string; k: number };
}

/**
 * Record-level extracts for counterfactual analysis (kpis.md "Views evaluators need"): k-anonymous
 * over the quasi-identifiers, consenting people only, no erased people, no calendar dates, and
 * every extract audited (docs/adr/0012).
 */
@Injectable()
export class ExportsService {
  private readonly pads: { ipad: string; opad: string };

  constructor(
    private readonly repository: ExportsRepository,
    @Inject(EXPORT_OPTIONS) private readonly options: ExportOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.pads = hmacPads(options.pseudonym.key);
    if (options.pseudonym.development) {
      logger.warn('EXPORT_PSEUDONYM_KEY is not set: record-level exports use the development key, whose pseudonyms anyone with the source can recompute; set it in any deployment');
    }
  }

  /** `file` is the last path segment, e.g. `participants.csv`. */
  async export(principal: Principal, file: string, query: ExportQuery, now = new Date()): Promise<ExportFile> {
    const match = /^([a-z][a-z0-9-]*)\.(csv|parquet)$/.exec(file);
    const dataset = match?.[1];
    if (!match || !(DATASETS as readonly string[]).includes(dataset as string)) {
      throw problems.notFound(`There is no export ${file}; exports are ${DATASETS.flatMap((d) => [`${d}.csv`, `${d}.parquet`]).join(', ')}.`);
    }
    const format = match[2] as ExportFormat;
    const requested = { from: query.from ?? '1900-01-01', to: query.to ?? '2299-12-31' };
    if (requested.from > requested.to) throw badQuery([{ path: '/from', message: `must not be after to (${requested.to})` }]);
    // One release per quarter end, periods of whole quarters: extracts differ by whole classes only.
    const asOf = releaseQuarterEnd(query.asOf ?? today(now), today(now));
    const filter = { ...wholeQuarters(requested.from, requested.to), asOf, site: query.site, country: query.country, programme: query.programme };
    const k = this.options.minClassSize;
    const levels = await this.repository.suppressionByLevel(asOf, k);
    const g = chooseGeneralisation(levels.total, levels.suppressed);
    const { rows, suppressed } = await this.repository.count(filter, g, k);
    const id = randomUUID();
    const audit: ExportAuditRow = {
      extract_id: id,
      at: now.toISOString().replace('T', ' ').replace('Z', ''),
      actor: principal.sub,
      role: principal.role,
      dataset: dataset as string,
      format,
      filters: JSON.stringify(filter),
      rows,
      suppressed,
      generalisation: g.name,
    };
    // Who took which extract: record-level data leaves the platform here, so the record comes first.
    await this.repository.audit(audit);
    this.logger.info({ sub: principal.sub, role: principal.role, dataset, format, filter, rows, suppressed, generalisation: g.name, extract: id }, 'record-level export');
    switch (dataset as Dataset) {
      case 'participants':
        return {
          stream: await this.repository.participants(filter, g, k, { ...this.pads, extract: id }, format),
          type: MEDIA_TYPES[format],
          fileName: `meic-${dataset}-${asOf}.${format}`,
          extract: { id, asOf, from: filter.from, to: filter.to, rows, suppressed, generalisation: g.name, k },
        };
      default: {
        const never: never = dataset as never;
        throw new Error(`unknown dataset ${String(never)}`);
      }
    }
  }

  async auditLog(limit: number): Promise<ExportAuditRow[]> {
    return this.repository.auditLog(limit);
  }
}
