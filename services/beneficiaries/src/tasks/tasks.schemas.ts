import { Type, type Static } from '@sinclair/typebox';
import { Closed, IsoDate, SiteCode, TaskKind, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

export const TaskStatus = Type.Union([Type.Literal('open'), Type.Literal('done')]);
export type TaskStatus = Static<typeof TaskStatus>;

/** A caseworker task: pseudonymous (the person's id, site, kind and dates). */
export const TaskView = Type.Object({
  id: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  kind: TaskKind,
  dueOn: IsoDate,
  raisedOn: IsoDate,
  status: TaskStatus,
  doneOn: Type.Optional(IsoDate),
  /** Who closed it (the token's subject). */
  doneBy: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type TaskView = Static<typeof TaskView>;

export const TaskList = pageOf(TaskView);

export const TaskListQuery = Closed({
  siteCode: Type.Optional(SiteCode),
  status: Type.Optional(TaskStatus),
  kind: Type.Optional(TaskKind),
  ...pageQuery,
});
export type TaskListQuery = Static<typeof TaskListQuery>;
