import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { CourseListQuery, CoursePage, CourseView, CreateCourseBody } from './courses.schemas';
import { CoursesService } from './courses.service';

@Controller('v1/courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @ApiDoc({ summary: 'Plan a course at a site (provider: an organisation in the site’s cluster)', responses: { 201: { description: 'Created; meic.course.created.v1 is published', schema: CourseView }, 422: { description: 'Unknown site, or provider unknown, of another site or no longer in the cluster' } } })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateCourseBody) body: CreateCourseBody): Promise<CourseView> {
    return this.courses.create(principal, body);
  }

  @ApiDoc({ summary: 'List courses, oldest first (site_staff: their own sites)', responses: { 200: { description: 'A page of courses', schema: CoursePage } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(CourseListQuery) query: CourseListQuery): Promise<Page<CourseView>> {
    return this.courses.list(principal, query);
  }

  @ApiDoc({ summary: 'One course', responses: { 200: { description: 'Course', schema: CourseView }, 404: { description: 'Unknown course' } } })
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<CourseView> {
    return this.courses.get(principal, id);
  }
}

