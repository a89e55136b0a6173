import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent, type MentoringArea } from '@meic/contracts';
import { createdKeyOf, decodeCreatedCursor, isoDate, listSiteScope, outboxRow, problems, requireSiteAccess, toPage, type Page, type Principal } from '@meic/service-kit';
import type { Mentor } from '../generated/prisma/client';
import { SitesService } from '../sites/sites.service';
import { MentorsRepository } from './mentors.repository';
import type { CreateMentorBody, MentorListQuery, MentorView } from './mentors.schemas';

export function toMentorView(m: Mentor): MentorView {
  return { id: m.id, siteCode: m.siteCode, displayName: m.displayName, languages: m.languages, areas: m.areas as MentoringArea[], createdAt: m.createdAt.toISOString() };
}

@Injectable()
export class MentorsService {
  constructor(
    private readonly mentors: MentorsRepository,
    private readonly sites: SitesService,
  ) {}

  /** The event names the mentor by id only: a display name identifies a person. */
  async register(principal: Principal, body: CreateMentorBody, now = new Date()): Promise<MentorView> {
    requireSiteAccess(principal, body.siteCode);
    const site = await this.sites.requireKnown(body.siteCode);
    const id = randomUUID();
    const event = buildEvent('meic.mentor.registered.v1', { siteCode: site.code, country: site.country, occurredOn: isoDate(now), mentorId: id, languages: body.languages, areas: body.areas }, { time: now });
    const created = await this.mentors.insertWithEvent({ id, siteCode: site.code, displayName: body.displayName.trim(), languages: body.languages, areas: body.areas }, outboxRow(event));
    return toMentorView(created);
  }

  async get(principal: Principal, id: string): Promise<MentorView> {
    const mentor = await this.mentors.findById(id);
    if (!mentor) throw problems.notFound(`Mentor ${id} does not exist.`);
    requireSiteAccess(principal, mentor.siteCode);
    return toMentorView(mentor);
  }

  async list(principal: Principal, query: MentorListQuery): Promise<Page<MentorView>> {
    const limit = query.limit ?? 50;
    const rows = await this.mentors.list({ siteCodes: listSiteScope(principal, query.siteCode), after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toMentorView);
  }

  /** A mentor a match refers to: unknown → 422 naming /mentorId. */
  async requireKnown(id: string): Promise<Mentor> {
    const mentor = await this.mentors.findById(id);
    if (!mentor) throw problems.unprocessable(`Mentor ${id} is not registered.`, [{ path: '/mentorId', message: 'unknown mentor' }]);
    return mentor;
  }
}
