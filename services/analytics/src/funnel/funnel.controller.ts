import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { FunnelQuery, FunnelResponse } from './funnel.schemas';
import { FunnelService } from './funnel.service';

@Controller('v1/kpis')
export class FunnelController {
  constructor(private readonly funnel: FunnelService) {}

  @ApiDoc({ summary: 'Pathway funnel per site, country or programme: enrolled → assessed → trained → internship → placed → employed at 6 months, with step conversion', responses: {
      200: {
        description:
          'The enrolment cohort of the period (people enrolled between from and to), each later step counted whenever it happened up to asOf. ' +
          'Steps are not strictly nested: a person can be placed without an internship or trained without an assessment, so a step may count people ' +
          'absent from the step before it. Each conversion is therefore "previous step AND this step" over the previous step, never this step over the previous one. ' +
          'employed6 counts people employed at their 6-month follow-up; a follow-up not yet due is not a failure but lowers the placed → employed6 conversion. ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: FunnelResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('funnel')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(FunnelQuery) query: FunnelQuery): Promise<FunnelResponse> {
    return this.funnel.funnel(principal, query);
  }
}
