import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { AssessmentList, AssessmentListQuery, AssessmentView, CreateAssessmentBody } from './assessments.schemas';
import { AssessmentsService } from './assessments.service';

/** Assessments hold free text about the person: personal data, read and written like it. */
@Controller('v1/beneficiaries/:id/assessments')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'assessment', personalData: true })
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @ApiDoc({ summary: 'Record a needs and skills assessment (skills stay in this service; the event carries barriers and recommended activities only)', responses: { 201: { description: 'Recorded', schema: AssessmentView }, 404: { description: 'Unknown or erased beneficiary' } } })
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(CreateAssessmentBody) body: CreateAssessmentBody): Promise<AssessmentView> {
    return this.assessments.record(principal, id, body);
  }

  @ApiDoc({ summary: "A beneficiary's assessments, oldest first (site_staff of that site, admin)", responses: { 200: { description: 'A page of assessments', schema: AssessmentList }, 404: { description: 'Unknown or erased beneficiary' } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidQuery(AssessmentListQuery) query: AssessmentListQuery): Promise<Page<AssessmentView>> {
    return this.assessments.list(principal, id, query);
  }
}
