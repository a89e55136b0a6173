import type { RetentionSweepResult } from './retention.schemas';

/** What the retention activities need: the sweep of RetentionService over the beneficiaries database. */
export interface RetentionPorts {
  sweep(asOf: string, limit: number): Promise<RetentionSweepResult>;
}

/** The sweep's activity. It answers counts only: no id of anyone erased enters the workflow's history. */
export function createRetentionActivities(ports: RetentionPorts) {
  return {
    async sweepExpired(asOf: string, limit: number): Promise<RetentionSweepResult> {
      return ports.sweep(asOf, limit);
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
