import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { lockKnownBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { Prisma, PrismaClient, type CourseEnrolment } from '../generated/prisma/client';

export type NewEnrolment = Pick<CourseEnrolment, 'courseId' | 'beneficiaryId' | 'siteCode' | 'enrolledOn' | 'cefrLevelAtStart'>;
export type Completion = Pick<CourseEnrolment, 'outcome' | 'completedOn' | 'hoursAttended' | 'cefrLevelReached'>;

@Injectable()
export class EnrolmentsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Enrolment and event in one transaction; null if the person is already on the course, 'erased' if they were erased meanwhile. */
  async insertWithEvent(enrolment: NewEnrolment, event: OutboxRow): Promise<CourseEnrolment | null | 'erased'> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (!(await lockKnownBeneficiary(tx, enrolment.beneficiaryId))) return 'erased' as const;
        const created = await tx.courseEnrolment.create({ data: enrolment });
        await tx.outboxEvent.create({ data: event });
        return created;
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  find(courseId: string, beneficiaryId: string): Promise<CourseEnrolment | null> {
    return this.prisma.courseEnrolment.findUnique({ where: { courseId_beneficiaryId: { courseId, beneficiaryId } } });
  }

  /**
   * Records the completion and its event in one transaction, only if none was recorded: null
   * when another request completed it first (the check-then-write race).
   */
  completeWithEvent(courseId: string, beneficiaryId: string, completion: Completion, event: OutboxRow): Promise<CourseEnrolment | null> {
    return this.prisma.$transaction(async (tx) => {
      // Erased meanwhile: the enrolment is gone or about to go, and gets no completion.
      if (!(await lockKnownBeneficiary(tx, beneficiaryId))) return null;
      const { count } = await tx.courseEnrolment.updateMany({ where: { courseId, beneficiaryId, outcome: null }, data: { ...completion, completedAt: new Date() } });
      if (count === 0) return null;
      await tx.outboxEvent.create({ data: event });
      return tx.courseEnrolment.findUnique({ where: { courseId_beneficiaryId: { courseId, beneficiaryId } } });
    });
  }

  /** A course's enrolments by (createdAt, beneficiaryId), one more than asked. */
  list(filter: { courseId: string; completed?: boolean; after?: CreatedKey; limit: number }): Promise<CourseEnrolment[]> {
    const where: Prisma.CourseEnrolmentWhereInput = {
      courseId: filter.courseId,
      ...(filter.completed === undefined ? {} : { outcome: filter.completed ? { not: null } : null }),
      ...afterCreated(filter.after, 'beneficiaryId'),
    };
    return this.prisma.courseEnrolment.findMany({ where, orderBy: createdOrder('beneficiaryId'), take: filter.limit + 1 });
  }
}
