import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { TimeToPlacementQuery, TimeToPlacementResponse } from './time-to-placement.schemas';
import { TimeToPlacementService } from './time-to-placement.service';

@Controller('v1/kpis')
export class TimeToPlacementController {
  constructor(private readonly service: TimeToPlacementService) {}

  @ApiDoc({ summary: 'Kaplan–Meier curve of days from enrolment to first placement per site, country or programme (MEIC-10)', responses: {
      200: {
        description:
          'The enrolment cohort of the period; people not placed by asOf are censored at asOf, or at their drop-out date if earlier. ' +
          PROTECTION_NOTE +
          'Their curve is made of perturbed counts at risk and placed per 30-day bucket, steps at bucket ends, and stops before the first bucket with fewer than minAtRisk at risk (truncatedAt; suppressed: true when that is the first), because a step with few at risk reveals individual times. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: TimeToPlacementResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('time-to-placement')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(TimeToPlacementQuery) query: TimeToPlacementQuery): Promise<TimeToPlacementResponse> {
    return this.service.timeToPlacement(principal, query);
  }
}
