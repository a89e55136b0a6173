import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient, type Site } from '../generated/prisma/client';
import type { OutboxRow } from '@meic/service-kit';

export type NewSite = Omit<Site, 'createdAt' | 'updatedAt'>;
/** Everything but the identity (code, country, programme), which never changes. */
export type SiteColumns = Omit<NewSite, 'code' | 'country' | 'programme'>;

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

  /**
   * Locks the site, lets `decide` turn its current state into changes and an event (or nothing),
   * and writes both in the same transaction. The lock orders concurrent updates, so each
   * site.updated event carries the state its own transaction committed.
   * Returns null when the site does not exist.
   */
  async updateWithEvent(code: string, decide: (current: Site) => { changes: SiteColumns; event: OutboxRow } | null): Promise<Site | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM sites WHERE code = ${code} FOR UPDATE`;
      const current = await tx.site.findUnique({ where: { code } });
      if (!current) return null;
      const decision = decide(current);
      if (!decision) return current;
      const updated = await tx.site.update({ where: { code }, data: decision.changes });
      await tx.outboxEvent.create({ data: { ...decision.event, headers: decision.event.headers } });
      return updated;
    });
  }

  findByCode(code: string): Promise<Site | null> {
    return this.prisma.site.findUnique({ where: { code } });
  }

  /** One page in code order: `limit + 1` rows, the extra one only says there is more. */
  list(filter: { country?: string; programme?: string; codes?: readonly string[]; afterCode?: string; limit: number }): Promise<Site[]> {
    return this.prisma.site.findMany({
      where: {
        country: filter.country,
        programme: filter.programme,
        AND: [filter.codes ? { code: { in: [...filter.codes] } } : {}, filter.afterCode !== undefined ? { code: { gt: filter.afterCode } } : {}],
      },
      orderBy: { code: 'asc' },
      take: filter.limit + 1,
    });
  }
}
