import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent, type OrganisationType } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, listSiteScope, outboxRow, problems, requireSiteAccess, toPage, type Page, type Principal } from '@meic/service-kit';
import type { Organisation } from '../generated/prisma/client';
import { SitesService } from '../sites/sites.service';
import { OrganisationsRepository } from './organisations.repository';
import { leaveRefusal, normaliseName } from './organisations.rules';
import type { CreateOrganisationBody, LeaveOrganisationBody, OrganisationListQuery, OrganisationView } from './organisations.schemas';

export function toOrganisationView(o: Organisation): OrganisationView {
  return {
    id: o.id,
    siteCode: o.siteCode,
    name: o.name,
    type: o.type as OrganisationType,
    naceSector: o.naceSector,
    communityOfInterest: o.communityOfInterest,
    joinedOn: isoDate(o.joinedOn),
    leftOn: o.leftOn ? isoDate(o.leftOn) : null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly sites: SitesService,
  ) {}

  async join(principal: Principal, body: CreateOrganisationBody): Promise<OrganisationView> {
    requireSiteAccess(principal, body.siteCode);
    const site = await this.sites.requireKnown(body.siteCode);
    const id = randomUUID();
    const name = normaliseName(body.name);
    const naceSector = body.naceSector ?? null;
    const communityOfInterest = body.communityOfInterest ?? false;
    const event = buildEvent('meic.organisation.joined.v1', {
      siteCode: site.code,
      country: site.country,
      occurredOn: body.joinedOn,
      organisationId: id,
      name,
      type: body.type,
      naceSector,
      communityOfInterest,
    });
    const created = await this.organisations.insertWithEvent(
      { id, siteCode: site.code, name, type: body.type, naceSector, communityOfInterest, joinedOn: asDate(body.joinedOn) },
      outboxRow(event),
    );
    if (!created) throw problems.conflict(`An organisation named '${name}' is already a member of site ${site.code}.`);
    return toOrganisationView(created);
  }

  async leave(principal: Principal, id: string, body: LeaveOrganisationBody): Promise<OrganisationView> {
    const org = await this.find(principal, id);
    const view = toOrganisationView(org);
    const refusal = leaveRefusal(view, body.leftOn);
    if (refusal) throw refusal;
    const site = await this.sites.requireExisting(org.siteCode);
    const event = buildEvent('meic.organisation.left.v1', {
      siteCode: site.code,
      country: site.country,
      occurredOn: body.leftOn,
      organisationId: org.id,
      name: org.name,
      type: view.type,
    });
    const left = await this.organisations.markLeftWithEvent(org.id, asDate(body.leftOn), outboxRow(event));
    // Someone else recorded the leaving between our read and our write.
    if (!left) throw problems.conflict(`${org.name} already left the cluster.`);
    return toOrganisationView(left);
  }

  async get(principal: Principal, id: string): Promise<OrganisationView> {
    return toOrganisationView(await this.find(principal, id));
  }

  async list(principal: Principal, query: OrganisationListQuery): Promise<Page<OrganisationView>> {
    const limit = query.limit ?? 50;
    const rows = await this.organisations.list({ siteCodes: listSiteScope(principal, query.siteCode), type: query.type, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toOrganisationView);
  }

  private async find(principal: Principal, id: string): Promise<Organisation> {
    const org = await this.organisations.findById(id);
    if (!org) throw problems.notFound(`Organisation ${id} does not exist.`);
    requireSiteAccess(principal, org.siteCode);
    return org;
  }
}
