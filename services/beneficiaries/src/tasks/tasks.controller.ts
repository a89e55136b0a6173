import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { PERSONAL_DATA_ROLES } from '../beneficiaries/beneficiaries.access';
import { TaskList, TaskListQuery, TaskView } from './tasks.schemas';
import { TasksService } from './tasks.service';

@Controller('v1/tasks')
@Roles(...PERSONAL_DATA_ROLES)
@Audited({ resource: 'task', personalData: true })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ApiDoc({ summary: 'Caseworker tasks raised by pathways when a deadline passed without the expected event (assessment or first activity overdue, pathway stalled, internship end or follow-up due), oldest first (admin; site_staff: their own sites)', responses: { 200: { description: 'A page of tasks', schema: TaskList }, 403: { description: 'A site the caller does not work at' } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(TaskListQuery) query: TaskListQuery): Promise<Page<TaskView>> {
    return this.tasks.list(principal, query);
  }

  @ApiDoc({ summary: "Mark a task done (idempotent: a task done already is returned as it is) and close it in the person's pathway", responses: { 200: { description: 'Done', schema: TaskView }, 403: { description: "Another site's task" }, 404: { description: 'Unknown task' } } })
  @Post(':id/done')
  @HttpCode(200)
  done(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<TaskView> {
    return this.tasks.done(principal, id);
  }
}
