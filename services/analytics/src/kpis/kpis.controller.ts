import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { OverviewQuery, OverviewResponse } from './kpis.schemas';
import { KpisService } from './kpis.service';

@Controller('v1/kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @ApiDoc({ summary: 'Overview KPIs per site, country or programme, with targets and progress (perturbed by the cell-key method except for site_staff)', responses: { 200: { description: 'Overview', schema: OverviewResponse } } })
  @Get('overview')
  overview(@CurrentPrincipal() principal: Principal, @ValidQuery(OverviewQuery) query: OverviewQuery): Promise<OverviewResponse> {
    return this.kpis.overview(principal, query);
  }
}
