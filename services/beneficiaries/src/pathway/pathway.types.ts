// Shared by the workflow (deterministic sandbox), its activities and the service: types and
// definitions only.
import { defineQuery, defineSignal } from '@temporalio/workflow';

// The stages are the contract's; a type-only import keeps the contracts runtime (Ajv…) out of the
// deterministic workflow bundle.
import type { PathwayStage, TaskKind } from '@meic/contracts';
import type { PathwayFact, PathwayTemplate } from './pathway.rules';

/** Workflow input: pseudonymous id and site only; never personal data (it would live in the history). */
export interface PathwayInput {
  beneficiaryId: string;
  siteCode: string;
  enrolledOn: string;
  /**
   * The site's template when the pathway started: a snapshot, so a running pathway keeps its
   * template when the site changes it. Absent in pathways started before templates existed:
   * they follow DEFAULT_TEMPLATE.
   */
  template?: PathwayTemplate;
  /**
   * How long a deadline that was already past when the pathway learnt of it waits for further
   * facts before its task is raised (records entered late come in bursts). Absent in pathways
   * started before it existed: DEFAULT_CATCH_UP_GRACE_SECONDS.
   */
  catchUpGraceSeconds?: number;
}

/**
 * The first signal's shape (kept so that pathways started with it, and senders not yet moved to
 * `pathwayFact`, keep working): a CloudEvent's id, type and date. Only the types that need no
 * further data map to a fact; see `factFromEvent` in the workflow.
 */
export interface PathwayEvent {
  eventId: string;
  type: string;
  occurredOn: string;
}

export interface PathwayOpenTask {
  taskId: string;
  kind: TaskKind;
  dueOn: string;
  raisedOn: string;
}

/** What `GET /beneficiaries/{id}/pathway` shows: no personal data, dates and kinds only. */
export interface PathwayState {
  beneficiaryId: string;
  siteCode: string;
  stage: PathwayStage;
  history: { stage: PathwayStage; on: string }[];
  openTasks: PathwayOpenTask[];
  /** The next deadline the workflow waits for; null when none (closed, dropped out, all raised). */
  nextDueOn: string | null;
  nextDueKind: TaskKind | null;
  templateVersion: number;
}

/** Activity input: the pathway moved from one stage to another (`from` null for the first). */
export interface StageChangeInput {
  beneficiaryId: string;
  siteCode: string;
  from: PathwayStage | null;
  to: PathwayStage;
  /** Date of the fact that moved it. */
  on: string;
}

/** Activity input: a deadline passed unmet. `taskId` is deterministic, so retries are upserts. */
export interface RaiseTaskInput {
  taskId: string;
  beneficiaryId: string;
  siteCode: string;
  kind: TaskKind;
  dueOn: string;
  /** The workflow's day when it raised the task (workflow clock, so replays agree). */
  raisedOn: string;
}

export interface TaskClosed {
  taskId: string;
}

/** A site's current template, sent deliberately to a running pathway (`POST /v1/sites/{code}/pathways/migrate-template`). */
export interface TemplateMigration {
  template: PathwayTemplate;
}

/** @deprecated since pathway facts: use `pathwayFactSignal`; still accepted by the workflow. */
export const pathwayEventSignal = defineSignal<[PathwayEvent]>('pathwayEvent');
/** A fact of the person's pathway; `eventId` (ce_id) makes redelivery harmless. */
export const pathwayFactSignal = defineSignal<[PathwayFact]>('pathwayFact');
/** A caseworker closed one of the pathway's tasks (`POST /tasks/{id}/done`). */
export const taskClosedSignal = defineSignal<[TaskClosed]>('taskClosed');
/** Moves a running pathway to another template; without it a pathway keeps the one it started with. */
export const migrateTemplateSignal = defineSignal<[TemplateMigration]>('migrateTemplate');
export const pathwayStateQuery = defineQuery<PathwayState>('pathwayState');

export function pathwayWorkflowId(beneficiaryId: string): string {
  return `pathway-${beneficiaryId}`;
}
