import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient, type Site } from '../generated/prisma/client';
import type { OutboxRow } from '@meic/service-kit';

export type NewSite = Omit<Site, 'createdAt' | 'updatedAt'>;

@Injectable()
export class SitesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Writes the site and its event in one transaction: both or neither. Returns null if the code exists. */
  async insertWithEvent(site: NewSite, event: OutboxRow): Promise<Site | null> {
    try {
      const [created] = await this.prisma.$transaction([
        this.prisma.site.create({ data: site }),
        this.prisma.outboxEvent.create({ data: { ...event, headers: event.headers } }),
      ]);
      return created;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  findByCode(code: string): Promise<Site | null> {
    return this.prisma.site.findUnique({ where: { code } });
  }

  list(filter: { country?: string; programme?: string; codes?: readonly string[] }): Promise<Site[]> {
    return this.prisma.site.findMany({
      where: { country: filter.country, programme: filter.programme, ...(filter.codes ? { code: { in: [...filter.codes] } } : {}) },
      orderBy: { code: 'asc' },
    });
  }
}
