import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Audited, BeneficiaryReference, CurrentPrincipal, Roles, SERVICE_ROLE, UuidParam, ValidBody, ValidQuery, type Page, type Principal, type RouteDoc } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from './beneficiaries.access';
import { BeneficiaryList, BeneficiaryListQuery, BeneficiaryView, CreateBeneficiaryBody } from './beneficiaries.schemas';
import { BeneficiariesService } from './beneficiaries.service';

@Controller('v1/beneficiaries')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'beneficiary', personalData: true })
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateBeneficiaryBody) body: CreateBeneficiaryBody): Promise<BeneficiaryView> {
    return this.beneficiaries.enrol(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(BeneficiaryListQuery) query: BeneficiaryListQuery): Promise<Page<BeneficiaryView>> {
    return this.beneficiaries.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<BeneficiaryView> {
    return this.beneficiaries.get(principal, id);
  }

  /** For the trainings and stakeholders services only: people never see a pseudonym. */
  @Get(':id/reference')
  @Roles(SERVICE_ROLE)
  reference(@UuidParam() id: string): Promise<BeneficiaryReference> {
    return this.beneficiaries.reference(id);
  }

}

export const beneficiariesRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/beneficiaries',
    summary: 'Enrol a beneficiary (personal data stays in this service)',
    roles: PERSONAL_DATA_ROLES,
    body: CreateBeneficiaryBody,
    responses: { 201: { description: 'Enrolled', schema: BeneficiaryView }, 422: { description: 'Unknown site' } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries',
    summary: 'Beneficiaries with personal data, oldest first (admin; site_staff: their own sites). Erased people are not listed.',
    roles: PERSONAL_DATA_ROLES,
    query: BeneficiaryListQuery.properties,
    responses: { 200: { description: 'A page of beneficiaries', schema: BeneficiaryList } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}',
    summary: 'One beneficiary with personal data (site_staff of that site, admin)',
    roles: PERSONAL_DATA_ROLES,
    responses: { 200: { description: 'Beneficiary', schema: BeneficiaryView }, 404: { description: 'Unknown or erased' } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}/reference',
    summary:
      "What another MEIC service needs to record a fact about the person: site, coarse attributes and the pseudonym events name them by (service tokens only; never shown to people, as a pseudonym someone kept would link the person's events to them after erasure)",
    roles: [SERVICE_ROLE],
    responses: { 200: { description: 'The reference', schema: BeneficiaryReference }, 404: { description: 'Unknown or erased' } },
  },
];
