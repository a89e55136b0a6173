import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { CurrentPrincipal, ValidQuery, Roles, type Principal, type RouteDoc } from '@meic/service-kit';
import { ExportQuery } from './exports.schemas';
import { ExportsService } from './exports.service';

/** Record-level (pseudonymous) data: evaluators and admins only. */
const EXPORT_ROLES = ['admin', 'evaluator'] as const;

@Controller('v1/exports')
@Roles(...EXPORT_ROLES)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':file')
  async file(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @ValidQuery(ExportQuery) query: ExportQuery): Promise<StreamableFile> {
    const out = await this.exports.export(principal, file, query);
    return new StreamableFile(out.stream, { type: out.type, disposition: `attachment; filename="${out.fileName}"` });
  }
}

export const exportsRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/exports/participants.csv',
    summary:
      'Pseudonymous record-level extract, one row per participant (attributes, date of each step, first contract, employment at follow-ups, days to placement or censoring with reason); erased people excluded. CSV with a header row.',
    roles: EXPORT_ROLES,
    query: ExportQuery.properties,
    responses: { 200: { description: 'text/csv; charset=utf-8, as an attachment (meic-participants-<asOf>.csv)' } },
  },
  {
    method: 'get',
    path: '/v1/exports/participants.parquet',
    summary: 'The same extract as participants.csv, as Apache Parquet (typed columns: dates, booleans, integers)',
    roles: EXPORT_ROLES,
    query: ExportQuery.properties,
    responses: { 200: { description: 'application/vnd.apache.parquet, as an attachment (meic-participants-<asOf>.parquet)' } },
  },
];
