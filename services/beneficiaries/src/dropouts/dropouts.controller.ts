import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { CreateDropoutBody, DropoutView } from './dropouts.schemas';
import { DropoutsService } from './dropouts.service';

@Controller('v1/beneficiaries/:id/dropout')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'dropout', personalData: true })
export class DropoutsController {
  constructor(private readonly dropouts: DropoutsService) {}

  @ApiDoc({ summary: 'Record that the beneficiary left the pathway early, with a reason category', responses: {
      201: { description: 'Recorded', schema: DropoutView },
      404: { description: 'Unknown or erased beneficiary' },
      409: { description: 'Dropped out already' },
    } })
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(CreateDropoutBody) body: CreateDropoutBody): Promise<DropoutView> {
    return this.dropouts.record(principal, id, body);
  }
}
