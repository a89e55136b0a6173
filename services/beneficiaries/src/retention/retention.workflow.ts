import { proxyActivities } from '@temporalio/workflow';
import type { createRetentionActivities } from './retention.activities';
import { RETENTION_BATCH } from './retention.types';

const { sweepExpired } = proxyActivities<ReturnType<typeof createRetentionActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface RetentionSweepInput {
  /** The day records are judged on; the day the workflow runs (UTC) when absent, as the schedule starts it. */
  asOf?: string;
}

/**
 * Erases every person whose records have expired, batch by batch, through the erasure flow
 * (ADR 0015). Started daily by the schedule `retention-sweep`; its history holds counts only.
 */
export async function retentionSweepWorkflow(input: RetentionSweepInput = {}): Promise<{ asOf: string; erased: number }> {
  // Workflow time is deterministic: the same on replay.
  const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
  let erased = 0;
  for (;;) {
    const batch = await sweepExpired(asOf, RETENTION_BATCH);
    erased += batch.erased;
    // Nothing left, or nothing erasable (a person erased concurrently): done until the next run.
    if (batch.remaining === 0 || batch.erased === 0) return { asOf, erased };
  }
}
