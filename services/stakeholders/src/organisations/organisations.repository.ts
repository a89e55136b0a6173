import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { Prisma, PrismaClient, type Organisation } from '../generated/prisma/client';

export type NewOrganisation = Omit<Organisation, 'createdAt' | 'updatedAt' | 'leftOn'>;

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The organisation and its event in one transaction. Null when the name is taken at the site. */
  async insertWithEvent(org: NewOrganisation, event: OutboxRow): Promise<Organisation | null> {
    try {
      const [created] = await this.prisma.$transaction([this.prisma.organisation.create({ data: org }), this.prisma.outboxEvent.create({ data: event })]);
      return created;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  /** Sets the leaving date only if still a member, with its event; null when it had already left. */
  async markLeftWithEvent(id: string, leftOn: Date, event: OutboxRow): Promise<Organisation | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.organisation.updateMany({ where: { id, leftOn: null }, data: { leftOn } });
      if (count === 0) return null;
      await tx.outboxEvent.create({ data: event });
      return tx.organisation.findUniqueOrThrow({ where: { id } });
    });
  }

  findById(id: string): Promise<Organisation | null> {
    return this.prisma.organisation.findUnique({ where: { id } });
  }

  list(filter: { siteCodes?: readonly string[]; type?: string; after?: CreatedKey; limit: number }): Promise<Organisation[]> {
    return this.prisma.organisation.findMany({
      where: { type: filter.type, AND: [filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}, afterCreated(filter.after)] },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }
}
