import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { Prisma, PrismaClient, type TerritorialIndicator } from '../generated/prisma/client';

@Injectable()
export class TerritorialIndicatorsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The value and its event in one transaction. Null when (site, key, year) already has a value. */
  async insertWithEvent(indicator: Omit<TerritorialIndicator, 'createdAt'>, event: OutboxRow): Promise<TerritorialIndicator | null> {
    try {
      const [created] = await this.prisma.$transaction([this.prisma.territorialIndicator.create({ data: indicator }), this.prisma.outboxEvent.create({ data: event })]);
      return created;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  list(filter: { siteCode: string; key?: string; referenceYear?: number; after?: CreatedKey; limit: number }): Promise<TerritorialIndicator[]> {
    return this.prisma.territorialIndicator.findMany({
      where: { siteCode: filter.siteCode, key: filter.key, referenceYear: filter.referenceYear, AND: [afterCreated(filter.after)] },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }
}
