import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, BeneficiaryReference, CurrentPrincipal, Roles, SERVICE_ROLE, UuidParam, ValidBody, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from './beneficiaries.access';
import { BeneficiaryList, BeneficiaryListQuery, BeneficiaryView, CreateBeneficiaryBody } from './beneficiaries.schemas';
import { BeneficiariesService } from './beneficiaries.service';

@Controller('v1/beneficiaries')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'beneficiary', personalData: true })
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @ApiDoc({ summary: 'Enrol a beneficiary (personal data stays in this service)', responses: { 201: { description: 'Enrolled', schema: BeneficiaryView }, 422: { description: 'Unknown site' } } })
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateBeneficiaryBody) body: CreateBeneficiaryBody): Promise<BeneficiaryView> {
    return this.beneficiaries.enrol(principal, body);
  }

  @ApiDoc({ summary: 'Beneficiaries with personal data, oldest first (admin; site_staff: their own sites). Erased people are not listed.', responses: { 200: { description: 'A page of beneficiaries', schema: BeneficiaryList } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(BeneficiaryListQuery) query: BeneficiaryListQuery): Promise<Page<BeneficiaryView>> {
    return this.beneficiaries.list(principal, query);
  }

  @ApiDoc({ summary: 'One beneficiary with personal data (site_staff of that site, admin)', responses: { 200: { description: 'Beneficiary', schema: BeneficiaryView }, 404: { description: 'Unknown or erased' } } })
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<BeneficiaryView> {
    return this.beneficiaries.get(principal, id);
  }

  /** For the trainings and stakeholders services only: people never see a pseudonym. */
  @ApiDoc({ summary: "What another MEIC service needs to record a fact about the person: site, coarse attributes and the pseudonym events name them by (service tokens only; never shown to people, as a pseudonym someone kept would link the person's events to them after erasure)", responses: { 200: { description: 'The reference', schema: BeneficiaryReference }, 404: { description: 'Unknown or erased' } } })
  @Get(':id/reference')
  @Roles(SERVICE_ROLE)
  reference(@UuidParam() id: string): Promise<BeneficiaryReference> {
    return this.beneficiaries.reference(id);
  }

}
