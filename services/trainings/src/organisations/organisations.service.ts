import { Injectable } from '@nestjs/common';
import type { OrganisationJoinedV1, OrganisationLeftV1 } from '@meic/contracts';
import { asDate, isoDate, problems } from '@meic/service-kit';
import type { KnownOrganisation } from '../generated/prisma/client';
import { OrganisationsRepository } from './organisations.repository';
import { organisationReferenceProblem } from './organisations.rules';

/** Cluster organisations as the stakeholders service announced them, learnt from events only. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async joined(data: OrganisationJoinedV1): Promise<void> {
    await this.organisations.joined({ id: data.organisationId, siteCode: data.siteCode, country: data.country, type: data.type, joinedOn: asDate(data.occurredOn) });
  }

  async left(data: OrganisationLeftV1): Promise<void> {
    await this.organisations.left({ id: data.organisationId, siteCode: data.siteCode, country: data.country, type: data.type, leftOn: asDate(data.occurredOn) });
  }

  /** The organisation a new record of `siteCode` dated `onDate` names at `path`, or 422 saying why not. */
  async requireInCluster(id: string, siteCode: string, onDate: string, path: string): Promise<KnownOrganisation> {
    const org = await this.organisations.find(id);
    const problem = organisationReferenceProblem(org && { siteCode: org.siteCode, leftOn: org.leftOn ? isoDate(org.leftOn) : null }, siteCode, onDate, path);
    if (problem || !org) throw problems.unprocessable(`Organisation ${id} cannot be referred to here: ${problem?.message ?? 'unknown organisation'}.`, problem ? [problem] : undefined);
    return org;
  }
}
