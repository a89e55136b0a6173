import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Principal, type RouteDoc } from '@meic/service-kit';
import { CreateMentorBody, MentorList, MentorListQuery, MentorView } from './mentors.schemas';
import { MentorsService } from './mentors.service';

const ALL_ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;

@Controller('v1/mentors')
export class MentorsController {
  constructor(private readonly mentors: MentorsService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateMentorBody) body: CreateMentorBody): Promise<MentorView> {
    return this.mentors.register(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(MentorListQuery) query: MentorListQuery) {
    return this.mentors.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<MentorView> {
    return this.mentors.get(principal, id);
  }
}

export const mentorsRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/mentors',
    summary: 'Register a peer mentor at a site. Publishes meic.mentor.registered (by id; the display name stays here).',
    roles: ['admin', 'site_staff'],
    body: CreateMentorBody,
    responses: { 201: { description: 'Created', schema: MentorView }, 422: { description: 'Unknown site' } },
  },
  {
    method: 'get',
    path: '/v1/mentors',
    summary: 'List peer mentors in registration order (site_staff: of their sites)',
    roles: ALL_ROLES,
    query: MentorListQuery.properties,
    responses: { 200: { description: 'One page of mentors', schema: MentorList } },
  },
  { method: 'get', path: '/v1/mentors/{id}', summary: 'One mentor', roles: ALL_ROLES, responses: { 200: { description: 'Mentor', schema: MentorView }, 400: { description: 'The id is not a UUID' }, 404: { description: 'Unknown mentor' } } },
];
