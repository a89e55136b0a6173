import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { BreakdownQuery, BreakdownResponse } from './breakdown.schemas';
import { BreakdownService } from './breakdown.service';

@Controller('v1/kpis')
export class BreakdownController {
  constructor(private readonly service: BreakdownService) {}

  @ApiDoc({ summary: 'A count or the placement rate disaggregated by sex, age band, legal status, citizenship (top 10 + other) or course type, per site, country or programme', responses: {
      200: {
        description:
          'Counts of people whose step occurred in the period; placementRate is the enrolment cohort of the period placed whenever up to asOf, per category, with its 95% Wilson interval. ' +
          'Citizenships: the 10 most frequent among people enrolled in the period, then "other". Course type is not exhaustive (exhaustive: false). ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: BreakdownResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('breakdown')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(BreakdownQuery) query: BreakdownQuery): Promise<BreakdownResponse> {
    return this.service.breakdown(principal, query);
  }
}
