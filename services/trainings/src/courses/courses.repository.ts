import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Course, type Prisma } from '../generated/prisma/client';

export type NewCourse = Omit<Course, 'createdAt'>;

export interface CourseFilter {
  siteCodes?: readonly string[];
  type?: string;
  after?: CreatedKey;
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
      ...afterCreated(filter.after),
    };
    return this.prisma.course.findMany({ where, orderBy: createdOrder(), take: filter.limit + 1 });
  }
}
