import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, ValidQuery, type Principal, type RouteDoc } from '@meic/service-kit';
import { TimeToPlacementQuery, TimeToPlacementResponse } from './time-to-placement.schemas';
import { TimeToPlacementService } from './time-to-placement.service';

@Controller('v1/kpis')
export class TimeToPlacementController {
  constructor(private readonly service: TimeToPlacementService) {}

  @Get('time-to-placement')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(TimeToPlacementQuery) query: TimeToPlacementQuery): Promise<TimeToPlacementResponse> {
    return this.service.timeToPlacement(principal, query);
  }
}

export const timeToPlacementRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/kpis/time-to-placement',
    summary: 'Kaplan–Meier curve of days from enrolment to first placement per site, country or programme (MEIC-10)',
    roles: ['admin', 'consortium_lead', 'evaluator', 'site_staff'],
    query: TimeToPlacementQuery.properties,
    responses: {
      200: {
        description:
          'The enrolment cohort of the period; people not placed by asOf are censored at asOf, or at their drop-out date if earlier. ' +
          'For roles other than site_staff: a group whose cohort count is suppressed has no curve (suppressed: true); numbers at risk from 1 to minCell−1 are suppressed, ' +
          'and the curve stops at the last time at which at least minCell people are at risk (truncatedAt), because each step of a curve with few at risk reveals individual times. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: TimeToPlacementResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    },
  },
];
