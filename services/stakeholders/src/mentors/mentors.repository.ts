import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Mentor } from '../generated/prisma/client';

@Injectable()
export class MentorsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The mentor and its event in one transaction. */
  async insertWithEvent(mentor: Omit<Mentor, 'createdAt'>, event: OutboxRow): Promise<Mentor> {
    const [created] = await this.prisma.$transaction([this.prisma.mentor.create({ data: mentor }), this.prisma.outboxEvent.create({ data: event })]);
    return created;
  }

  findById(id: string): Promise<Mentor | null> {
    return this.prisma.mentor.findUnique({ where: { id } });
  }

  list(filter: { siteCodes?: readonly string[]; after?: CreatedKey; limit: number }): Promise<Mentor[]> {
    return this.prisma.mentor.findMany({
      where: { AND: [filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}, afterCreated(filter.after)] },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }
}
