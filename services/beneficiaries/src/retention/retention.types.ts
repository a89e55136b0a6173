// Shared by the retention workflow (deterministic sandbox), its activities and the worker: names only.

/** The Temporal schedule that runs the sweep, and the id of the workflows it starts. */
export const RETENTION_SCHEDULE_ID = 'retention-sweep';

/** People erased per activity call, so each call is short and a crash loses little. */
export const RETENTION_BATCH = 200;
