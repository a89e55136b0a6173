import { Injectable } from '@nestjs/common';
import { PrismaClient, type KnownSite } from '../generated/prisma/client';

@Injectable()
export class SitesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  upsert(site: Omit<KnownSite, 'updatedAt'>): Promise<KnownSite> {
    const { code, ...rest } = site;
    return this.prisma.knownSite.upsert({ where: { code }, create: site, update: rest });
  }

  find(code: string): Promise<KnownSite | null> {
    return this.prisma.knownSite.findUnique({ where: { code } });
  }

  all(): Promise<KnownSite[]> {
    return this.prisma.knownSite.findMany({ orderBy: { code: 'asc' } });
  }
}
