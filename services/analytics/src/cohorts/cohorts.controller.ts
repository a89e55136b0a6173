import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { CohortsQuery, CohortsResponse } from './cohorts.schemas';
import { CohortsService } from './cohorts.service';

@Controller('v1/kpis')
export class CohortsController {
  constructor(private readonly service: CohortsService) {}

  @ApiDoc({ summary: 'Two cohorts side by side (by site, country, programme, enrolment dates or an activity taken) on the same indicators', responses: {
      200: {
        description:
          'Each cohort: people enrolled between its enrolledFrom and enrolledTo at its site/country/programme, and, with activity, who had that step by asOf. ' +
          'Placement within 6 and 12 months counts only people observable for the whole window (enrolled at least that long before asOf), reporting the observed denominator and how many were left out. ' +
          PROTECTION_NOTE +
          'A cohort without an activity is the same people as the overview’s cell for its place and dates, so the same figure. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff ask for a site or country outside theirs.',
        schema: CohortsResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('cohorts')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(CohortsQuery) query: CohortsQuery): Promise<CohortsResponse> {
    return this.service.compare(principal, query);
  }
}
