import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, problems, type Principal } from '@meic/service-kit';
import type { Logger } from 'pino';
import { badQuery } from '../kpi-views/bad-query.problem';
import { today } from '../kpi-views/kpi-groups';
import { hmacPads } from './export-pseudonym';
import { ExportsRepository, type ExportFormat } from './exports.repository';
import type { ExportQuery } from './exports.schemas';
import { EXPORT_PSEUDONYM_KEY } from './exports.tokens';

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
}

/** Pseudonymous record-level extracts for counterfactual analysis (kpis.md "Views evaluators need"). */
@Injectable()
export class ExportsService {
  private readonly pads: { ipad: string; opad: string };

  constructor(
    private readonly repository: ExportsRepository,
    @Inject(EXPORT_PSEUDONYM_KEY) pseudonym: { key: string; development: boolean },
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.pads = hmacPads(pseudonym.key);
    if (pseudonym.development) {
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
    const asOf = query.asOf ?? today(now);
    const filter = { from: query.from ?? '1900-01-01', to: query.to ?? '2299-12-31', asOf, site: query.site, country: query.country, programme: query.programme };
    if (filter.from > filter.to) throw badQuery([{ path: '/from', message: `must not be after to (${filter.to})` }]);
    // Who took which extract: record-level data leaves the platform here.
    this.logger.info({ sub: principal.sub, role: principal.role, dataset, format, filter }, 'record-level export');
    switch (dataset as Dataset) {
      case 'participants':
        return { stream: await this.repository.participants(filter, this.pads, format), type: MEDIA_TYPES[format], fileName: `meic-${dataset}-${asOf}.${format}` };
      default: {
        const never: never = dataset as never;
        throw new Error(`unknown dataset ${String(never)}`);
      }
    }
  }
}
