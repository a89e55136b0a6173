import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { CompletionBody, CreateEnrolmentBody, EnrolmentListQuery, EnrolmentPage, EnrolmentView } from './enrolments.schemas';
import { EnrolmentsService } from './enrolments.service';

@Controller('v1/courses/:id/enrolments')
@Roles('admin', 'site_staff')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @ApiDoc({ summary: 'Enrol a beneficiary of the course’s site on the course', responses: {
      201: { description: 'Enrolled; meic.course.enrolled.v2 is published', schema: EnrolmentView },
      404: { description: 'Unknown course' },
      409: { description: 'Already enrolled on this course' },
      422: { description: 'Beneficiary unknown, erased or of another site' },
    } })
  @Post()
  @HttpCode(201)
  enrol(@CurrentPrincipal() principal: Principal, @UuidParam('id') courseId: string, @ValidBody(CreateEnrolmentBody) body: CreateEnrolmentBody): Promise<EnrolmentView> {
    return this.enrolments.enrol(principal, courseId, body);
  }

  @ApiDoc({ summary: 'Enrolments of a course, oldest first (person-level: admin and site_staff of the site)', responses: { 200: { description: 'A page of enrolments', schema: EnrolmentPage }, 404: { description: 'Unknown course' } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @UuidParam('id') courseId: string, @ValidQuery(EnrolmentListQuery) query: EnrolmentListQuery): Promise<Page<EnrolmentView>> {
    return this.enrolments.list(principal, courseId, query);
  }

  @ApiDoc({ summary: 'Record how a beneficiary left the course: completed, failed or withdrawn', responses: {
      201: { description: 'Recorded; meic.course.completed.v2 is published', schema: EnrolmentView },
      404: { description: 'Unknown course or no such enrolment' },
      409: { description: 'Already completed' },
      422: { description: 'Beneficiary erased' },
    } })
  @Post(':beneficiaryId/completion')
  @HttpCode(201)
  complete(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') courseId: string,
    @UuidParam('beneficiaryId') beneficiaryId: string,
    @ValidBody(CompletionBody) body: CompletionBody,
  ): Promise<EnrolmentView> {
    return this.enrolments.complete(principal, courseId, beneficiaryId, body);
  }
}
