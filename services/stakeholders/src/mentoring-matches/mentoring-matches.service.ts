import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent, type MentoringArea } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, listSiteScope, outboxRow, problems, requireSiteAccess, toPage, type Page, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { MentoringMatch } from '../generated/prisma/client';
import { MentorsService } from '../mentors/mentors.service';
import { SitesService } from '../sites/sites.service';
import { MentoringMatchesRepository } from './mentoring-matches.repository';
import { areasRefusal, endRefusal, startRefusal } from './mentoring-matches.rules';
import type { CreateMatchBody, EndMatchBody, MatchListQuery, MatchView } from './mentoring-matches.schemas';

export function toMatchView(m: MentoringMatch): MatchView {
  return {
    id: m.id,
    mentorId: m.mentorId,
    beneficiaryId: m.beneficiaryId,
    siteCode: m.siteCode,
    areas: m.areas as MentoringArea[],
    startedOn: isoDate(m.startedOn),
    endedOn: m.endedOn ? isoDate(m.endedOn) : null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

@Injectable()
export class MentoringMatchesService {
  constructor(
    private readonly matches: MentoringMatchesRepository,
    private readonly mentors: MentorsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly sites: SitesService,
  ) {}

  /** The match is at the mentor's site; the beneficiary must be enrolled there and not erased. */
  async start(principal: Principal, body: CreateMatchBody): Promise<MatchView> {
    const mentor = await this.mentors.requireKnown(body.mentorId);
    requireSiteAccess(principal, mentor.siteCode);
    const person = await this.beneficiaries.requireEligible(body.beneficiaryId, mentor.siteCode);
    const refusal = areasRefusal(body.areas, mentor.areas) ?? startRefusal(body.startedOn, person.enrolledOn);
    if (refusal) throw refusal;
    const site = await this.sites.requireExisting(mentor.siteCode);
    const id = randomUUID();
    const event = buildEvent('meic.mentoring.started.v2', { siteCode: site.code, country: site.country, occurredOn: body.startedOn, ...person.facts, matchId: id, mentorId: mentor.id, areas: body.areas });
    const created = await this.matches.insertUnlessOpenWithEvent(
      { id, mentorId: mentor.id, beneficiaryId: person.id, siteCode: site.code, areas: body.areas, startedOn: asDate(body.startedOn) },
      outboxRow(event),
    );
    if (created === 'erased') throw problems.unprocessable(`Beneficiary ${person.id} cannot be referred to: unknown or erased beneficiary.`, [{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);
    if (!created) throw problems.conflict(`Mentor ${mentor.id} already has an open match with beneficiary ${body.beneficiaryId}; end it first.`);
    return toMatchView(created);
  }

  async end(principal: Principal, id: string, body: EndMatchBody): Promise<MatchView> {
    const match = await this.find(principal, id);
    const view = toMatchView(match);
    const refusal = endRefusal(view, body.endedOn);
    if (refusal) throw refusal;
    const facts = await this.beneficiaries.factsFor(match.beneficiaryId);
    const site = await this.sites.requireExisting(match.siteCode);
    const event = buildEvent('meic.mentoring.ended.v2', { siteCode: site.code, country: site.country, occurredOn: body.endedOn, ...facts, matchId: match.id, mentorId: match.mentorId, startedOn: view.startedOn });
    const ended = await this.matches.markEndedWithEvent(match.id, asDate(body.endedOn), outboxRow(event));
    if (!ended) throw problems.conflict(`The match ${match.id} already ended.`);
    return toMatchView(ended);
  }

  async get(principal: Principal, id: string): Promise<MatchView> {
    return toMatchView(await this.find(principal, id));
  }

  async list(principal: Principal, query: MatchListQuery): Promise<Page<MatchView>> {
    const limit = query.limit ?? 50;
    const rows = await this.matches.list({ siteCodes: listSiteScope(principal, query.siteCode), mentorId: query.mentorId, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toMatchView);
  }

  private async find(principal: Principal, id: string): Promise<MentoringMatch> {
    const match = await this.matches.findById(id);
    if (!match) throw problems.notFound(`Mentoring match ${id} does not exist.`);
    requireSiteAccess(principal, match.siteCode);
    return match;
  }
}
