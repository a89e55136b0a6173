import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { ErasureStatus, ReapplyReport } from './erasure.schemas';
import { ErasureService } from './erasure.service';

// Audited under the erasure's id: an entry naming the person would outlive their erasure.
@Controller('v1/beneficiaries/:id')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'erasure', personalData: true, idFromResponse: true })
export class ErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @ApiDoc({ summary: 'Erase a beneficiary (GDPR art. 17). At once: the personal data goes, later requests about the id answer 404, meic.beneficiary.erased is published. Then the erasure workflow goes through every store (pathway history, trainings, stakeholders, this database); GET …/erasure follows it.', responses: { 202: { description: 'Erasure under way', schema: ErasureStatus }, 404: { description: 'Unknown or already erased' } } })
  @Delete()
  @HttpCode(202)
  erase(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<ErasureStatus> {
    return this.erasures.request(principal, id, 'request');
  }

  @ApiDoc({ summary: "How far the person's erasure got, store by store (site_staff of the person's site, admin)", responses: { 200: { description: 'Erasure progress', schema: ErasureStatus }, 404: { description: 'No erasure of this id' } } })
  @Get('erasure')
  status(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<ErasureStatus> {
    return this.erasures.status(principal, id);
  }
}

/** After a restore from a backup, an admin has every erasure applied again. */
@Controller('v1/erasures')
@Roles('admin')
@Audited({ resource: 'erasures' })
export class ErasureReapplyController {
  constructor(private readonly erasures: ErasureService) {}

  @ApiDoc({ summary: "After restoring any store from a backup: people the backup brought back are found by the erasure events Kafka keeps (pseudonyms) and erased again, and every erasure runs again through every store. Follow each with GET /v1/beneficiaries/{id}/erasure", responses: { 200: { description: 'What was re-applied (the erasures run on)', schema: ReapplyReport } } })
  @Post('reapply')
  @HttpCode(200)
  reapply(@CurrentPrincipal() principal: Principal): Promise<ReapplyReport> {
    return this.erasures.reapply(principal);
  }
}
