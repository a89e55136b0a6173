import { Controller, Get } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { PathwayView } from './pathway.schemas';
import { PathwayViewService } from './pathway-view.service';

@Controller('v1/beneficiaries/:id/pathway')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'pathway', personalData: true })
export class PathwayController {
  constructor(private readonly pathways: PathwayViewService) {}

  @ApiDoc({ summary: "The beneficiary's pathway, read from its workflow: current stage, stage history with dates, open caseworker tasks, the next deadline and the template version", responses: { 200: { description: 'Pathway', schema: PathwayView }, 404: { description: 'Unknown or erased beneficiary, or no pathway' } } })
  @Get()
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<PathwayView> {
    return this.pathways.get(principal, id);
  }
}
