import { PROTECTION_NOTE } from '../kpi-views/kpi-views.schemas';
import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { ClustersQuery, ClustersResponse } from './clusters.schemas';
import { ClustersService } from './clusters.service';

@Controller('v1/kpis')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @ApiDoc({ summary: 'Cluster intensity against outcomes per site, country or programme: members and active members by organisation type (MEIC-14), contributions per type (MEIC-15), active members per 100 participants and the placement rate', responses: {
      200: {
        description:
          'Members are organisations that were cluster members at some time in the period; active ones hosted an internship, provided a course or hired in it. ' +
          'Contributions are internships, placements and courses in the period by the type of the member behind them. enrolled is the enrolment cohort of the period and ' +
          'placementRatePct those of it placed up to asOf (the overview’s definition), with its 95% Wilson interval. Counts of organisations are published as counted; contributions count people’s activities: ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (from after to); ' +
          '403 when site_staff filter on a site or country outside theirs.',
        schema: ClustersResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('clusters')
  get(@CurrentPrincipal() principal: Principal, @ValidQuery(ClustersQuery) query: ClustersQuery): Promise<ClustersResponse> {
    return this.clusters.clusters(principal, query);
  }
}
