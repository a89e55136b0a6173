import { Injectable } from '@nestjs/common';
import { buildEvent, type CefrLevel, type CourseOutcome, type CourseType } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, outboxRow, problems, toPage, type Page, type Principal } from '@meic/service-kit';
import { BeneficiariesService, erasedMeanwhile, personFactsOf } from '../beneficiaries/beneficiaries.service';
import { assertCanReadPersonLevel, assertCanWriteAt } from '../common/access';
import { CoursesService } from '../courses/courses.service';
import type { CourseEnrolment } from '../generated/prisma/client';
import { EnrolmentsRepository } from './enrolments.repository';
import { completionProblems, enrolmentProblems } from './enrolments.rules';
import type { CompletionBody, CreateEnrolmentBody, EnrolmentListQuery, EnrolmentView } from './enrolments.schemas';

const level = (l: string | null) => (l as CefrLevel | null) ?? null;

export function toEnrolmentView(e: CourseEnrolment): EnrolmentView {
  return {
    courseId: e.courseId,
    beneficiaryId: e.beneficiaryId,
    siteCode: e.siteCode,
    enrolledOn: isoDate(e.enrolledOn),
    cefrLevelAtStart: level(e.cefrLevelAtStart),
    completion:
      e.outcome !== null && e.completedOn !== null && e.hoursAttended !== null
        ? { outcome: e.outcome as CourseOutcome, completedOn: isoDate(e.completedOn), hoursAttended: e.hoursAttended, cefrLevelReached: level(e.cefrLevelReached) }
        : null,
    createdAt: e.createdAt.toISOString(),
  };
}

@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly enrolments: EnrolmentsRepository,
    private readonly courses: CoursesService,
    private readonly beneficiaries: BeneficiariesService,
  ) {}

  async enrol(principal: Principal, courseId: string, body: CreateEnrolmentBody): Promise<EnrolmentView> {
    const course = await this.courses.find(courseId);
    assertCanWriteAt(principal, course.siteCode);
    const invalid = enrolmentProblems(course, body);
    if (invalid.length > 0) throw problems.validation(invalid);
    const person = await this.beneficiaries.requireAt(body.beneficiaryId, course.siteCode, '/beneficiaryId');
    const event = buildEvent('meic.course.enrolled.v2', {
      ...personFactsOf(person),
      siteCode: course.siteCode,
      country: course.country,
      occurredOn: body.enrolledOn,
      courseId: course.id,
      courseType: course.type as CourseType,
      cefrLevelAtStart: body.cefrLevelAtStart ?? null,
    });
    const created = await this.enrolments.insertWithEvent(
      { courseId: course.id, beneficiaryId: person.id, siteCode: course.siteCode, enrolledOn: asDate(body.enrolledOn), cefrLevelAtStart: body.cefrLevelAtStart ?? null },
      outboxRow(event),
    );
    if (created === 'erased') throw erasedMeanwhile(person.id);
    if (!created) throw problems.conflict(`Beneficiary ${person.id} is already enrolled on course ${course.id}.`);
    return toEnrolmentView(created);
  }

  async complete(principal: Principal, courseId: string, beneficiaryId: string, body: CompletionBody): Promise<EnrolmentView> {
    const course = await this.courses.find(courseId);
    assertCanWriteAt(principal, course.siteCode);
    const enrolment = await this.enrolments.find(course.id, beneficiaryId);
    if (!enrolment) throw problems.notFound(`Beneficiary ${beneficiaryId} is not enrolled on course ${course.id}.`);
    const already = () => problems.conflict(`The enrolment of ${beneficiaryId} on course ${course.id} was already completed.`);
    if (enrolment.outcome !== null) throw already();
    const invalid = completionProblems(course, { enrolledOn: isoDate(enrolment.enrolledOn) }, body);
    if (invalid.length > 0) throw problems.validation(invalid);
    // An erased person gets no new record-level facts, a completion included.
    const person = await this.beneficiaries.requireAt(beneficiaryId, course.siteCode, '/beneficiaryId');
    const event = buildEvent('meic.course.completed.v2', {
      ...personFactsOf(person),
      siteCode: course.siteCode,
      country: course.country,
      occurredOn: body.completedOn,
      courseId: course.id,
      courseType: course.type as CourseType,
      outcome: body.outcome,
      hoursAttended: body.hoursAttended,
      cefrTarget: level(course.cefrTarget),
      cefrLevelAtStart: level(enrolment.cefrLevelAtStart),
      cefrLevelReached: body.cefrLevelReached ?? null,
    });
    const completed = await this.enrolments.completeWithEvent(
      course.id,
      beneficiaryId,
      { outcome: body.outcome, completedOn: asDate(body.completedOn), hoursAttended: body.hoursAttended, cefrLevelReached: body.cefrLevelReached ?? null },
      outboxRow(event),
    );
    if (!completed) throw already();
    return toEnrolmentView(completed);
  }

  async list(principal: Principal, courseId: string, query: EnrolmentListQuery): Promise<Page<EnrolmentView>> {
    const course = await this.courses.find(courseId);
    assertCanReadPersonLevel(principal, course.siteCode);
    const limit = query.limit ?? 50;
    const rows = await this.enrolments.list({ courseId: course.id, completed: query.completed, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, (e) => createdKeyOf({ createdAt: e.createdAt, id: e.beneficiaryId }), toEnrolmentView);
  }
}
