import { Controller, Get, Res } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, type Principal } from '@meic/service-kit';
import type { Response } from 'express';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { DataExport } from './data-export.schemas';
import { DataExportService } from './data-export.service';

@Controller('v1/beneficiaries/:id/data-export')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'data-export', personalData: true })
export class DataExportController {
  constructor(private readonly exports: DataExportService) {}

  /** 200 with the document when it is ready within a few seconds, else 202 and where to fetch it. */
  @ApiDoc({ summary: 'Everything the platform holds about the person, in one JSON document (GDPR art. 15, 20): personal data, records in every service, consent, pathway, tasks, events published about them, who accessed their data. Gathered by a workflow; audited. 202 with a Location when it takes longer than a few seconds.', responses: { 200: { description: 'The document', schema: DataExport }, 202: { description: 'Being gathered', schema: DataExport }, 404: { description: 'Unknown or erased' } } })
  @Get()
  async request(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @Res({ passthrough: true }) res: Response): Promise<DataExport> {
    const result = await this.exports.request(principal, id);
    if (result.status !== 'completed') res.status(202).setHeader('location', `/v1/beneficiaries/${id}/data-export/${result.exportId}`);
    return result;
  }

  @ApiDoc({ summary: 'A data export asked for earlier (kept 7 days)', responses: { 200: { description: 'The document', schema: DataExport }, 202: { description: 'Being gathered', schema: DataExport }, 404: { description: 'Unknown or expired' } } })
  @Get(':exportId')
  async get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @UuidParam('exportId') exportId: string, @Res({ passthrough: true }) res: Response): Promise<DataExport> {
    const result = await this.exports.get(principal, id, exportId);
    if (result.status !== 'completed') res.status(202);
    return result;
  }
}
