import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent, type InternshipOutcome, type OrganisationType } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, listSiteScope, outboxRow, problems, toPage, type Page, type Principal } from '@meic/service-kit';
import { BeneficiariesService, erasedMeanwhile, personFactsOf } from '../beneficiaries/beneficiaries.service';
import { assertCanReadPersonLevel, assertCanWriteAt } from '../common/access';
import type { Internship } from '../generated/prisma/client';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';
import { InternshipsRepository } from './internships.repository';
import { internshipEndProblems, internshipProblems } from './internships.rules';
import type { CreateInternshipBody, EndInternshipBody, InternshipListQuery, InternshipView } from './internships.schemas';

export function toInternshipView(i: Internship): InternshipView {
  return {
    id: i.id,
    beneficiaryId: i.beneficiaryId,
    hostOrgId: i.hostOrgId,
    hostOrgType: i.hostOrgType as OrganisationType,
    siteCode: i.siteCode,
    country: i.country,
    startedOn: isoDate(i.startedOn),
    plannedEndOn: isoDate(i.plannedEndOn),
    endedOn: i.endedOn ? isoDate(i.endedOn) : null,
    outcome: (i.outcome as InternshipOutcome | null) ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

@Injectable()
export class InternshipsService {
  constructor(
    private readonly internships: InternshipsRepository,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
    private readonly beneficiaries: BeneficiariesService,
  ) {}

  async start(principal: Principal, body: CreateInternshipBody): Promise<InternshipView> {
    assertCanWriteAt(principal, body.siteCode);
    const invalid = internshipProblems(body);
    if (invalid.length > 0) throw problems.validation(invalid);
    const site = await this.sites.require(body.siteCode);
    const person = await this.beneficiaries.requireAt(body.beneficiaryId, site.code, '/beneficiaryId');
    // The host must be in the cluster when the internship starts (records may be entered late).
    const host = await this.organisations.requireInCluster(body.hostOrgId, site.code, body.startedOn, '/hostOrgId');
    const id = randomUUID();
    const event = buildEvent('meic.internship.started.v2', {
      ...personFactsOf(person),
      siteCode: site.code,
      country: site.country,
      occurredOn: body.startedOn,
      internshipId: id,
      hostOrgId: host.id,
      hostOrgType: host.type as OrganisationType,
      plannedEndOn: body.plannedEndOn,
    });
    const created = await this.internships.insertWithEvent(
      {
        id,
        beneficiaryId: person.id,
        hostOrgId: host.id,
        hostOrgType: host.type,
        siteCode: site.code,
        country: site.country,
        startedOn: asDate(body.startedOn),
        plannedEndOn: asDate(body.plannedEndOn),
      },
      outboxRow(event),
    );
    if (created === 'erased') throw erasedMeanwhile(person.id);
    return toInternshipView(created);
  }

  async end(principal: Principal, id: string, body: EndInternshipBody): Promise<InternshipView> {
    const internship = await this.find(id);
    assertCanWriteAt(principal, internship.siteCode);
    const already = () => problems.conflict(`Internship ${id} has already ended.`);
    if (internship.endedOn !== null) throw already();
    const startedOn = isoDate(internship.startedOn);
    const invalid = internshipEndProblems({ startedOn }, body);
    if (invalid.length > 0) throw problems.validation(invalid);
    // An erased person gets no new record-level facts, an end included.
    const person = await this.beneficiaries.requireAt(internship.beneficiaryId, internship.siteCode, '/beneficiaryId');
    const event = buildEvent('meic.internship.ended.v2', {
      ...personFactsOf(person),
      siteCode: internship.siteCode,
      country: internship.country,
      occurredOn: body.endedOn,
      internshipId: internship.id,
      hostOrgId: internship.hostOrgId,
      hostOrgType: internship.hostOrgType as OrganisationType,
      startedOn,
      outcome: body.outcome,
    });
    const ended = await this.internships.endWithEvent(internship.id, { endedOn: asDate(body.endedOn), outcome: body.outcome }, outboxRow(event));
    if (!ended) throw already();
    return toInternshipView(ended);
  }

  async get(principal: Principal, id: string): Promise<InternshipView> {
    const internship = await this.find(id);
    assertCanReadPersonLevel(principal, internship.siteCode);
    return toInternshipView(internship);
  }

  async list(principal: Principal, query: InternshipListQuery): Promise<Page<InternshipView>> {
    const limit = query.limit ?? 50;
    const rows = await this.internships.list({
      siteCodes: listSiteScope(principal, query.siteCode),
      beneficiaryId: query.beneficiaryId,
      after: decodeCreatedCursor(query.cursor),
      limit,
    });
    return toPage(rows, limit, createdKeyOf, toInternshipView);
  }

  private async find(id: string): Promise<Internship> {
    const internship = await this.internships.find(id);
    if (!internship) throw problems.notFound(`Internship ${id} does not exist.`);
    return internship;
  }
}
