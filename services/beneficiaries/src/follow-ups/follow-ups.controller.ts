import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { CreateFollowUpBody, FollowUpView } from './follow-ups.schemas';
import { FollowUpsService } from './follow-ups.service';

@Controller('v1/beneficiaries/:id/follow-ups')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'follow-up', personalData: true })
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @ApiDoc({ summary: "Record the 3-, 6- or 12-month follow-up of one of the beneficiary's placements (one per placement and month)", responses: {
      201: { description: 'Recorded', schema: FollowUpView },
      404: { description: 'Unknown or erased beneficiary' },
      409: { description: 'This follow-up of the placement exists already' },
      422: { description: 'placementId is not a placement of this beneficiary' },
    } })
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(CreateFollowUpBody) body: CreateFollowUpBody): Promise<FollowUpView> {
    return this.followUps.record(principal, id, body);
  }
}
