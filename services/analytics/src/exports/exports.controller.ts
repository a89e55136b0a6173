import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { ApiDoc, CurrentPrincipal, ValidQuery, Roles, type Principal } from '@meic/service-kit';
import type { Response } from 'express';
import { ExportAuditQuery, ExportAuditResponse, ExportQuery } from './exports.schemas';
import { ExportsService } from './exports.service';

/** Record-level (pseudonymous, k-anonymous) data: evaluators and admins only. */
const EXPORT_ROLES = ['admin', 'evaluator'] as const;

/** What an extract is, in its response headers (and in the audit log under the same id). */
const EXTRACT_HEADERS = {
  'X-Extract-Id': 'Id of the extract in the audit log; its pseudonymous ids are salted with it, so they link no two extracts',
  'X-Extract-As-Of': 'Evaluation date of the release the extract is taken from (a quarter end)',
  'X-Extract-Rows': 'Rows in the extract',
  'X-Extract-Suppressed': 'Rows the filters select that were left out because their class is smaller than k',
  'X-Extract-Generalisation': 'How the quasi-identifiers are generalised',
  'X-Extract-K': 'Every row shares site, sex, age band, citizenship, legal status and enrolment quarter with at least k − 1 others of the release',
} as const;

const extractHeaders = Object.fromEntries(Object.entries(EXTRACT_HEADERS).map(([name, description]) => [name, { description, schema: Type.String() }]));

@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @ApiDoc({ summary: 'Every record-level extract taken: who, when, with which filters, how many rows, how many left out and how generalised (newest first)', responses: { 200: { description: 'The audit log of extracts', schema: ExportAuditResponse } } })
  @Get('audit')
  @Roles('admin')
  async audit(@ValidQuery(ExportAuditQuery) query: ExportAuditQuery): Promise<ExportAuditResponse> {
    return { items: await this.exports.auditLog(query.limit ?? 100) };
  }

  @ApiDoc({
    summary:
      'Record-level extract, one row per consenting participant (evaluationFollowUp), erased people excluded: site, sex, age band, legal status, citizenship (commonest by name, else other) and enrolment quarter, k-anonymous over them (k ≥ 5; rows of smaller classes left out); days from enrolment to each step, first contract, employment at follow-ups, days to placement or censoring with reason. No calendar dates. Taken from the release of the last quarter end; the period is widened to whole quarters. Every extract is audited. `file` is participants.csv (CSV with a header row) or participants.parquet (Apache Parquet, typed columns: booleans, integers).',
    responses: {
      200: { description: 'text/csv; charset=utf-8 or application/vnd.apache.parquet, as an attachment (meic-participants-<asOf>.csv or .parquet)', headers: extractHeaders },
      404: { description: 'No such extract (problem+json naming the ones there are)' },
    },
  })
  @Get(':file')
  @Roles(...EXPORT_ROLES)
  async file(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @ValidQuery(ExportQuery) query: ExportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const out = await this.exports.export(principal, file, query);
    const e = out.extract;
    res.setHeader('X-Extract-Id', e.id);
    res.setHeader('X-Extract-As-Of', e.asOf);
    res.setHeader('X-Extract-Rows', String(e.rows));
    res.setHeader('X-Extract-Suppressed', String(e.suppressed));
    res.setHeader('X-Extract-Generalisation', e.generalisation);
    res.setHeader('X-Extract-K', String(e.k));
    return new StreamableFile(out.stream, { type: out.type, disposition: `attachment; filename="${out.fileName}"` });
  }
}
