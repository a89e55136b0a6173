import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Page, type Principal, type RouteDoc } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { AssessmentList, AssessmentListQuery, AssessmentView, CreateAssessmentBody } from './assessments.schemas';
import { AssessmentsService } from './assessments.service';

/** Assessments hold free text about the person: personal data, read and written like it. */
@Controller('v1/beneficiaries/:id/assessments')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'assessment', personalData: true })
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(CreateAssessmentBody) body: CreateAssessmentBody): Promise<AssessmentView> {
    return this.assessments.record(principal, id, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidQuery(AssessmentListQuery) query: AssessmentListQuery): Promise<Page<AssessmentView>> {
    return this.assessments.list(principal, id, query);
  }
}

export const assessmentsRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/beneficiaries/{id}/assessments',
    summary: 'Record a needs and skills assessment (skills stay in this service; the event carries barriers and recommended activities only)',
    roles: PERSONAL_DATA_ROLES,
    body: CreateAssessmentBody,
    responses: { 201: { description: 'Recorded', schema: AssessmentView }, 404: { description: 'Unknown or erased beneficiary' } },
  },
  {
    method: 'get',
    path: '/v1/beneficiaries/{id}/assessments',
    summary: "A beneficiary's assessments, oldest first (site_staff of that site, admin)",
    roles: PERSONAL_DATA_ROLES,
    query: AssessmentListQuery.properties,
    responses: { 200: { description: 'A page of assessments', schema: AssessmentList }, 404: { description: 'Unknown or erased beneficiary' } },
  },
];
