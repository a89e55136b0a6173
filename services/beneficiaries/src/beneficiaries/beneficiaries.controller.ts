import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Audited, CurrentPrincipal, Roles, ValidBody, type Principal, type RouteDoc } from '@meic/service-kit';
import { BeneficiaryView, CreateBeneficiaryBody } from './beneficiaries.schemas';
import { BeneficiariesService } from './beneficiaries.service';

@Controller('v1/beneficiaries')
@Roles('admin', 'site_staff')
@Audited({ resource: 'beneficiary', personalData: true })
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateBeneficiaryBody) body: CreateBeneficiaryBody): Promise<BeneficiaryView> {
    return this.beneficiaries.enrol(principal, body);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<BeneficiaryView> {
    return this.beneficiaries.get(principal, id);
  }
}

export const beneficiariesRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/beneficiaries',
    summary: 'Enrol a beneficiary (personal data stays in this service)',
    roles: ['admin', 'site_staff'],
    body: CreateBeneficiaryBody,
    responses: { 201: { description: 'Enrolled', schema: BeneficiaryView }, 422: { description: 'Unknown site' } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}',
    summary: 'One beneficiary with personal data (site_staff of that site, admin)',
    roles: ['admin', 'site_staff'],
    responses: { 200: { description: 'Beneficiary', schema: BeneficiaryView }, 404: { description: 'Unknown or erased' } },
  },
];
