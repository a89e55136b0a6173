import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { RETENTION_SCHEDULE_ID } from './retention.types';

/**
 * The daily schedule of the retention sweep (02:30 UTC), created when missing. Runs never overlap;
 * a run missed while Temporal was down is caught up within a day.
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { calendars: [{ hour: 2, minute: 30 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: { type: 'startWorkflow', workflowType: 'retentionSweepWorkflow', workflowId: RETENTION_SCHEDULE_ID, taskQueue, args: [{}] },
    });
    return true;
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return false;
    throw e;
  }
}
