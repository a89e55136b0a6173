import { Injectable } from '@nestjs/common';
import type { TaskKind } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, problems, toPage, utcDate, type Page, type Principal } from '@meic/service-kit';
import { assertPersonalDataAccess, personalDataSites } from '../beneficiaries/beneficiaries.access';
import type { Task } from '../generated/prisma/client';
import { PathwayService } from '../pathway/pathway.service';
import { TasksRepository } from './tasks.repository';
import type { TaskListQuery, TaskStatus, TaskView } from './tasks.schemas';

export function toTaskView(t: Task): TaskView {
  return {
    id: t.id,
    beneficiaryId: t.beneficiaryId,
    siteCode: t.siteCode,
    kind: t.kind as TaskKind,
    dueOn: isoDate(t.dueOn),
    raisedOn: isoDate(t.raisedOn),
    status: t.status as TaskStatus,
    ...(t.doneOn ? { doneOn: isoDate(t.doneOn) } : {}),
    ...(t.doneBy ? { doneBy: t.doneBy } : {}),
    createdAt: t.createdAt.toISOString(),
  };
}

/**
 * Caseworker tasks raised by pathways. They are about a person, so the same rule as their
 * record applies: caseworkers of the task's site and admins.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly pathways: PathwayService,
  ) {}

  async list(principal: Principal, query: TaskListQuery): Promise<Page<TaskView>> {
    const siteCodes = personalDataSites(principal, query.siteCode);
    const limit = query.limit ?? 50;
    const rows = await this.tasks.list({ siteCodes, status: query.status, kind: query.kind, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toTaskView);
  }

  /**
   * Marks the task done (idempotent: done stays done, first closer kept) and tells the pathway,
   * which drops it from its open tasks. The signal goes on every call, so a request retried
   * after the signal failed still delivers it; the workflow ignores a task it no longer holds.
   * A pathway that has ended takes no signal, which is fine: its tasks are history.
   */
  async done(principal: Principal, id: string, now = new Date()): Promise<TaskView> {
    const found = await this.tasks.find(id);
    if (!found) throw problems.notFound(`Task ${id} does not exist.`);
    assertPersonalDataAccess(principal, found.siteCode);
    const done = await this.tasks.markDone(id, asDate(utcDate(now)), principal.sub);
    if (!done) throw problems.notFound(`Task ${id} does not exist.`);
    await this.pathways.closeTask(done.beneficiaryId, done.id);
    return toTaskView(done);
  }
}
