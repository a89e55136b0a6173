import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey } from '@meic/service-kit';
import { PrismaClient, type Task } from '../generated/prisma/client';

export interface TaskFilter {
  siteCodes?: readonly string[];
  status?: string;
  kind?: string;
  after?: CreatedKey;
  limit: number;
}

/** Tasks are written by the pathway's activity (PathwayRepository.raiseTask); here they are read and closed. */
@Injectable()
export class TasksRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(id: string): Promise<Task | null> {
    return this.prisma.task.findUnique({ where: { id } });
  }

  /** In keyset order (createdAt, id); `limit + 1` rows so the caller knows if there is more. */
  list(filter: TaskFilter): Promise<Task[]> {
    return this.prisma.task.findMany({
      where: {
        ...(filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...afterCreated(filter.after),
      },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }

  /**
   * Closes an open task; a task done already keeps who closed it and when (a second request,
   * or a retry, changes nothing). Returns the task as it is afterwards, or null if unknown.
   */
  async markDone(id: string, doneOn: Date, doneBy: string): Promise<Task | null> {
    await this.prisma.task.updateMany({ where: { id, status: 'open' }, data: { status: 'done', doneOn, doneBy } });
    return this.find(id);
  }
}
