import { Injectable } from '@nestjs/common';
import type { OrganisationJoinedV1, OrganisationLeftV1 } from '@meic/contracts';
import { asDate } from '@meic/service-kit';
import type { KnownOrganisation } from '../generated/prisma/client';
import { OrganisationsRepository } from './organisations.repository';

/** What this service knows of the cluster members (stakeholders service), learnt from events only. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async recordJoined(data: OrganisationJoinedV1): Promise<void> {
    await this.organisations.upsertJoined({ id: data.organisationId, siteCode: data.siteCode, type: data.type });
  }

  async recordLeft(data: OrganisationLeftV1): Promise<void> {
    await this.organisations.upsertLeft({ id: data.organisationId, siteCode: data.siteCode, type: data.type, leftOn: asDate(data.occurredOn) });
  }

  find(id: string): Promise<KnownOrganisation | null> {
    return this.organisations.find(id);
  }
}
