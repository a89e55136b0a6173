import { Injectable } from '@nestjs/common';
import { PrismaClient, type Beneficiary, type SiteRetention } from '../generated/prisma/client';

/** A site whose records enrolled on or before `enrolledBy` have expired. */
export interface ExpiredSite {
  siteCode: string;
  enrolledBy: Date;
}

export type ExpiredPerson = Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country' | 'enrolledOn'>;

@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(siteCode: string): Promise<SiteRetention | null> {
    return this.prisma.siteRetention.findUnique({ where: { siteCode } });
  }

  all(): Promise<SiteRetention[]> {
    return this.prisma.siteRetention.findMany({ orderBy: { siteCode: 'asc' } });
  }

  upsert(row: Omit<SiteRetention, 'updatedAt'>): Promise<SiteRetention> {
    const { siteCode, ...rest } = row;
    return this.prisma.siteRetention.upsert({ where: { siteCode }, create: row, update: rest });
  }

  /** People not erased yet, of the given sites, enrolled on or before each site's day; oldest first. */
  expiredPeople(sites: readonly ExpiredSite[], limit?: number): Promise<ExpiredPerson[]> {
    if (sites.length === 0) return Promise.resolve([]);
    return this.prisma.beneficiary.findMany({
      where: { erasedAt: null, OR: sites.map((s) => ({ siteCode: s.siteCode, enrolledOn: { lte: s.enrolledBy } })) },
      select: { id: true, pseudonym: true, siteCode: true, country: true, enrolledOn: true },
      orderBy: [{ enrolledOn: 'asc' }, { id: 'asc' }],
      ...(limit !== undefined ? { take: limit } : {}),
    });
  }

  countExpired(sites: readonly ExpiredSite[]): Promise<number> {
    if (sites.length === 0) return Promise.resolve(0);
    return this.prisma.beneficiary.count({ where: { erasedAt: null, OR: sites.map((s) => ({ siteCode: s.siteCode, enrolledOn: { lte: s.enrolledBy } })) } });
  }
}
