import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent, type CefrLevel, type CourseType, type OrganisationType } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, listSiteScope, outboxRow, problems, requireSiteAccess, toPage, utcDate, type Page, type Principal } from '@meic/service-kit';
import { assertCanWriteAt } from '../common/access';
import type { Course } from '../generated/prisma/client';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';
import { CoursesRepository } from './courses.repository';
import { courseProblems } from './courses.rules';
import type { CourseListQuery, CourseView, CreateCourseBody } from './courses.schemas';

export function toCourseView(c: Course): CourseView {
  return {
    id: c.id,
    siteCode: c.siteCode,
    country: c.country,
    type: c.type as CourseType,
    title: c.title,
    providerOrgId: c.providerOrgId,
    providerOrgType: c.providerOrgType as OrganisationType,
    hours: c.hours,
    startsOn: isoDate(c.startsOn),
    endsOn: isoDate(c.endsOn),
    cefrTarget: (c.cefrTarget as CefrLevel | null) ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

@Injectable()
export class CoursesService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(principal: Principal, body: CreateCourseBody, now = new Date()): Promise<CourseView> {
    assertCanWriteAt(principal, body.siteCode);
    const invalid = courseProblems(body);
    if (invalid.length > 0) throw problems.validation(invalid);
    const site = await this.sites.require(body.siteCode);
    // "Currently in its cluster": the provider must not have left by the day the course is recorded.
    const today = utcDate(now);
    const provider = await this.organisations.requireInCluster(body.providerOrgId, site.code, today, '/providerOrgId');
    const id = randomUUID();
    const facts = {
      siteCode: site.code,
      country: site.country,
      type: body.type,
      title: body.title,
      providerOrgId: provider.id,
      providerOrgType: provider.type as OrganisationType,
      hours: body.hours,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      cefrTarget: body.cefrTarget ?? null,
    };
    const { type, ...eventFacts } = facts;
    const event = buildEvent('meic.course.created.v1', { ...eventFacts, courseId: id, courseType: type, occurredOn: today }, { time: now });
    const created = await this.courses.insertWithEvent(
      { ...facts, id, startsOn: asDate(body.startsOn), endsOn: asDate(body.endsOn) },
      outboxRow(event),
    );
    return toCourseView(created);
  }

  /** The course, visible to every role; site_staff of another site get 403. */
  async get(principal: Principal, id: string): Promise<CourseView> {
    const course = await this.find(id);
    requireSiteAccess(principal, course.siteCode);
    return toCourseView(course);
  }

  /** The course row or 404; for the enrolment endpoints, which check access themselves. */
  async find(id: string): Promise<Course> {
    const course = await this.courses.find(id);
    if (!course) throw problems.notFound(`Course ${id} does not exist.`);
    return course;
  }

  async list(principal: Principal, query: CourseListQuery): Promise<Page<CourseView>> {
    const limit = query.limit ?? 50;
    const rows = await this.courses.list({ siteCodes: listSiteScope(principal, query.siteCode), type: query.type, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toCourseView);
  }
}
