import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { CreateMentorBody, MentorList, MentorListQuery, MentorView } from './mentors.schemas';
import { MentorsService } from './mentors.service';


@Controller('v1/mentors')
export class MentorsController {
  constructor(private readonly mentors: MentorsService) {}

  @ApiDoc({ summary: 'Register a peer mentor at a site. Publishes meic.mentor.registered (by id; the display name stays here).', responses: { 201: { description: 'Created', schema: MentorView }, 422: { description: 'Unknown site' } } })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateMentorBody) body: CreateMentorBody): Promise<MentorView> {
    return this.mentors.register(principal, body);
  }

  @ApiDoc({ summary: 'List peer mentors in registration order (site_staff: of their sites)', responses: { 200: { description: 'One page of mentors', schema: MentorList } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(MentorListQuery) query: MentorListQuery) {
    return this.mentors.list(principal, query);
  }

  @ApiDoc({ summary: 'One mentor', responses: { 200: { description: 'Mentor', schema: MentorView }, 400: { description: 'The id is not a UUID' }, 404: { description: 'Unknown mentor' } } })
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<MentorView> {
    return this.mentors.get(principal, id);
  }
}
