import { Controller, Patch } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { ChangeConsentBody, ConsentView } from './consent.schemas';
import { ConsentService } from './consent.service';

@Controller('v1/beneficiaries/:id/consent')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'consent', personalData: true })
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @ApiDoc({ summary: 'Record a change of consent (site_staff of the site, admin). evaluationFollowUp false: no more follow-up tasks, open ones are removed, and the person leaves record-level evaluation extracts. dataProcessing false: the person is erased. Each change is kept with who recorded it.', responses: {
      200: { description: 'The consent now in force', schema: ConsentView },
      404: { description: 'Unknown or erased beneficiary' },
      422: { description: 'Consent to processing was withdrawn already' },
    } })
  @Patch()
  change(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(ChangeConsentBody) body: ChangeConsentBody): Promise<ConsentView> {
    return this.consent.change(principal, id, body);
  }
}
