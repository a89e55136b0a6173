// Workflow code for bench/temporal-sqlite-pragmas.bench.mjs. The Temporal worker bundles this
// file with webpack (workflowsPath), so it may import only @temporalio/workflow.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const tick = defineSignal('tick');

/**
 * Waits for `signals` tick signals, then completes with the number received.
 * @param {number} signals
 */
export async function waitForSignals(signals) {
  let received = 0;
  setHandler(tick, () => {
    received += 1;
  });
  await condition(() => received >= signals);
  return received;
}
