import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, PathwayStage, SiteCode, TaskKind, Uuid } from '@meic/contracts';

/** What GET /v1/beneficiaries/{id}/pathway answers, from the pathway workflow's query: dates and kinds only. */
export const PathwayView = Type.Object({
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  stage: PathwayStage,
  /** Every stage the pathway went through, with the date of the fact that moved it there. */
  history: Type.Array(Type.Object({ stage: PathwayStage, on: IsoDate })),
  openTasks: Type.Array(Type.Object({ taskId: Uuid, kind: TaskKind, dueOn: IsoDate, raisedOn: IsoDate })),
  nextDueOn: Nullable(IsoDate),
  nextDueKind: Nullable(TaskKind),
  templateVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null for pathways started before site templates' }),
});
export type PathwayView = Static<typeof PathwayView>;
