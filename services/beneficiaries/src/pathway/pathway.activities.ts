import type { RaiseTaskInput, StageChangeInput } from './pathway.types';

/**
 * What the pathway's activities need from the outside world. The real implementation
 * (`PathwayRepository`) writes the task rows and the outbox events in one transaction each;
 * both must be idempotent, as Temporal retries an activity until it succeeds: a stage change is
 * recorded once per (pathway, from, to, on), a task once per `taskId`.
 */
export interface PathwayActivityPorts {
  /** May report what it did ('recorded', 'duplicate'…); the activity returns nothing either way. */
  recordStageChange(input: StageChangeInput): Promise<unknown>;
  raiseTask(input: RaiseTaskInput): Promise<unknown>;
}

/**
 * The pathway workflow's activities. The workflow imports their type only
 * (`proxyActivities<ReturnType<typeof createPathwayActivities>>`), so nothing here reaches the
 * deterministic bundle. Results are void: nothing personal can flow back into the history.
 */
export function createPathwayActivities(ports: PathwayActivityPorts) {
  return {
    /** Publishes `meic.pathway.stage-changed` (through the outbox). */
    async recordStageChange(input: StageChangeInput): Promise<void> {
      await ports.recordStageChange(input);
    },
    /** Opens the caseworker task and publishes `meic.pathway.task-raised` (through the outbox). */
    async raiseTask(input: RaiseTaskInput): Promise<void> {
      await ports.raiseTask(input);
    },
  };
}

export type PathwayActivities = ReturnType<typeof createPathwayActivities>;
