import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Course, type Prisma } from '../generated/prisma/client';
import type { CreatedAfter } from '../common/keyset';

export type NewCourse = Omit<Course, 'createdAt'>;

export interface CourseFilter {
  siteCodes?: readonly string[];
  type?: string;
  after?: CreatedAfter;
  limit: number;
}

@Injectable()
export class CoursesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The course and its event in one transaction: both or neither. */
  async insertWithEvent(course: NewCourse, event: OutboxRow): Promise<Course> {
    const [created] = await this.prisma.$transaction([this.prisma.course.create({ data: course }), this.prisma.outboxEvent.create({ data: event })]);
    return created;
  }

  find(id: string): Promise<Course | null> {
    return this.prisma.course.findUnique({ where: { id } });
  }

  /** Oldest first by (createdAt, id), one row more than asked so the caller knows whether more follow. */
  list(filter: CourseFilter): Promise<Course[]> {
    const where: Prisma.CourseWhereInput = {
      ...(filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.after ? { OR: [{ createdAt: { gt: filter.after.createdAt } }, { createdAt: filter.after.createdAt, id: { gt: filter.after.id } }] } : {}),
    };
    return this.prisma.course.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: filter.limit + 1 });
  }
}
