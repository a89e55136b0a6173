import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { Audited, CurrentPrincipal, Roles, UuidParam, type Principal, type RouteDoc } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { ErasureStatus } from './erasure.schemas';
import { ErasureService } from './erasure.service';

// Audited under the erasure's id: an entry naming the person would outlive their erasure.
@Controller('v1/beneficiaries/:id')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'erasure', personalData: true, idFromResponse: true })
export class ErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @Delete()
  @HttpCode(202)
  erase(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<ErasureStatus> {
    return this.erasures.request(principal, id, 'request');
  }

  @Get('erasure')
  status(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<ErasureStatus> {
    return this.erasures.status(principal, id);
  }
}

export const erasureRoutes: RouteDoc[] = [
  {
    method: 'delete',
    path: '/v1/beneficiaries/{id}',
    summary:
      'Erase a beneficiary (GDPR art. 17). At once: the personal data goes, later requests about the id answer 404, meic.beneficiary.erased is published. Then the erasure workflow goes through every store (pathway history, trainings, stakeholders, this database); GET …/erasure follows it.',
    roles: PERSONAL_DATA_ROLES,
    responses: { 202: { description: 'Erasure under way', schema: ErasureStatus }, 404: { description: 'Unknown or already erased' } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}/erasure',
    summary: "How far the person's erasure got, store by store (site_staff of the person's site, admin)",
    roles: PERSONAL_DATA_ROLES,
    responses: { 200: { description: 'Erasure progress', schema: ErasureStatus }, 404: { description: 'No erasure of this id' } },
  },
];
