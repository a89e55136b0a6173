import { Controller, Get } from '@nestjs/common';
import { Audited, CurrentPrincipal, Roles, UuidParam, type Principal, type RouteDoc } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { PathwayView } from './pathway.schemas';
import { PathwayViewService } from './pathway-view.service';

@Controller('v1/beneficiaries/:id/pathway')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'pathway', personalData: true })
export class PathwayController {
  constructor(private readonly pathways: PathwayViewService) {}

  @Get()
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<PathwayView> {
    return this.pathways.get(principal, id);
  }
}

export const pathwayRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}/pathway',
    summary: "The beneficiary's pathway, read from its workflow: current stage, stage history with dates, open caseworker tasks, the next deadline and the template version",
    roles: PERSONAL_DATA_ROLES,
    responses: { 200: { description: 'Pathway', schema: PathwayView }, 404: { description: 'Unknown or erased beneficiary, or no pathway' } },
  },
];
