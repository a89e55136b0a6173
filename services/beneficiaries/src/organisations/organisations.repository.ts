import { Injectable } from '@nestjs/common';
import { PrismaClient, type KnownOrganisation } from '../generated/prisma/client';

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** A joining never clears a recorded leaving: a redelivered joined event must not revive the member. */
  async upsertJoined(org: { id: string; siteCode: string; type: string }): Promise<void> {
    const { id, ...rest } = org;
    await this.prisma.knownOrganisation.upsert({ where: { id }, create: org, update: rest });
  }

  async upsertLeft(org: { id: string; siteCode: string; type: string; leftOn: Date }): Promise<void> {
    const { id, ...rest } = org;
    await this.prisma.knownOrganisation.upsert({ where: { id }, create: org, update: rest });
  }

  find(id: string): Promise<KnownOrganisation | null> {
    return this.prisma.knownOrganisation.findUnique({ where: { id } });
  }
}
