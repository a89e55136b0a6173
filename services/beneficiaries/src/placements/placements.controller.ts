import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { CreatePlacementBody, PlacementList, PlacementView } from './placements.schemas';
import { PlacementsService } from './placements.service';

@Controller('v1/beneficiaries/:id/placements')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'placement', personalData: true })
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @ApiDoc({ summary: 'Record a job placement: the employer is a cluster organisation of the same site (employerOrgId) or, outside the cluster, a name (employerName) that never leaves this service', responses: {
      201: { description: 'Recorded', schema: PlacementView },
      404: { description: 'Unknown or erased beneficiary' },
      422: { description: 'employerOrgId unknown, of another site, or left the cluster' },
    } })
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(CreatePlacementBody) body: CreatePlacementBody): Promise<PlacementView> {
    return this.placements.record(principal, id, body);
  }

  @ApiDoc({ summary: "A beneficiary's placements, oldest start first, each with the months of its follow-ups (site_staff of that site, admin)", responses: { 200: { description: 'Placements', schema: PlacementList }, 404: { description: 'Unknown or erased beneficiary' } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<PlacementList> {
    return this.placements.list(principal, id);
  }
}
