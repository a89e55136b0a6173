import { Controller, Get, Param, Put } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, utcDate, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { siteCodeParam as siteCode } from '../sites/site-code';
import { RetentionReport, RetentionReportQuery, RetentionView, SetRetentionBody } from './retention.schemas';
import { RetentionService } from './retention.service';

/** Retention is an admin's business: it decides when people's records are erased. */
@Controller('v1')
@Roles('admin')
@Audited({ resource: 'retention' })
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @ApiDoc({ summary: "How long the site's records are kept: until the programme's end plus `years`; programmeEndsOn null: not set, nothing expires", responses: { 200: { description: 'The retention', schema: RetentionView }, 404: { description: 'Site not known to this service' } } })
  @Get('sites/:code/retention')
  get(@Param('code') code: string): Promise<RetentionView> {
    return this.retention.get(siteCode(code));
  }

  @ApiDoc({ summary: "Sets the programme's end for the site and the years its records are kept after it (default 5). The daily schedule retention-sweep erases what has expired", responses: { 200: { description: 'Stored', schema: RetentionView }, 422: { description: 'Site not known to this service (yet)' } } })
  @Put('sites/:code/retention')
  set(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @ValidBody(SetRetentionBody) body: SetRetentionBody): Promise<RetentionView> {
    return this.retention.set(principal, siteCode(code), body);
  }

  @ApiDoc({ summary: 'Dry run of the retention sweep: per site its retention and how many people have expired, and who would be erased on asOf (default today)', responses: { 200: { description: 'The report', schema: RetentionReport } } })
  @Get('retention/report')
  report(@ValidQuery(RetentionReportQuery) query: RetentionReportQuery): Promise<RetentionReport> {
    return this.retention.report(query.asOf ?? utcDate());
  }
}
