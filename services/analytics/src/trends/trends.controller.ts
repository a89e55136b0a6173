import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { TrendsQuery, TrendsResponse } from './trends.schemas';
import { TrendsService } from './trends.service';

@Controller('v1/kpis')
export class TrendsController {
  constructor(private readonly service: TrendsService) {}

  @ApiDoc({ summary: 'Time series of a count (people enrolled, assessed, trained, starting an internship, placed, dropping out) per month, quarter or year', responses: {
      200: {
        description:
          'People whose first such step occurred in each bucket (by occurredOn; a late-recorded event moves its own past bucket). ' +
          'to defaults to asOf, from to the start of the bucket 24 months earlier; every bucket is present, empty ones as 0. ' +
          PROTECTION_NOTE +
          'A protected reader’s facts count in the month their release block closes. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (interval when the period holds more than 120 buckets); 403 when site_staff filter on a site or country outside theirs.',
        schema: TrendsResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('trends')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(TrendsQuery) query: TrendsQuery): Promise<TrendsResponse> {
    return this.service.trends(principal, query);
  }
}
