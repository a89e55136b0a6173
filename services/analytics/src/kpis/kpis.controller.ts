import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, ValidQuery, type Principal, type RouteDoc } from '@meic/service-kit';
import { OverviewQuery, OverviewResponse } from './kpis.schemas';
import { KpisService } from './kpis.service';

@Controller('v1/kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get('overview')
  overview(@CurrentPrincipal() principal: Principal, @ValidQuery(OverviewQuery) query: OverviewQuery): Promise<OverviewResponse> {
    return this.kpis.overview(principal, query);
  }
}

export const kpisRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/kpis/overview',
    summary: 'Overview KPIs per site, country or programme, with targets and progress (perturbed by the cell-key method except for site_staff)',
    roles: ['admin', 'consortium_lead', 'evaluator', 'site_staff'],
    query: OverviewQuery.properties,
    responses: { 200: { description: 'Overview', schema: OverviewResponse } },
  },
];
