import { Injectable } from '@nestjs/common';
import { PrismaClient, type KnownOrganisation } from '../generated/prisma/client';

export type OrganisationJoining = Pick<KnownOrganisation, 'id' | 'siteCode' | 'country' | 'type' | 'joinedOn'>;
export type OrganisationLeaving = Pick<KnownOrganisation, 'id' | 'siteCode' | 'country' | 'type' | 'leftOn'>;

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Joining (again) clears a leaving date: events of one organisation arrive in order. */
  joined(org: OrganisationJoining): Promise<KnownOrganisation> {
    const { id, ...rest } = org;
    return this.prisma.knownOrganisation.upsert({ where: { id }, create: { ...org, leftOn: null }, update: { ...rest, leftOn: null } });
  }

  left(org: OrganisationLeaving): Promise<KnownOrganisation> {
    const { id, ...rest } = org;
    return this.prisma.knownOrganisation.upsert({ where: { id }, create: { ...org, joinedOn: null }, update: rest });
  }

  find(id: string): Promise<KnownOrganisation | null> {
    return this.prisma.knownOrganisation.findUnique({ where: { id } });
  }
}
