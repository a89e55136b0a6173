import { proxyActivities } from '@temporalio/workflow';
import type { createErasureActivities } from './erasure.activities';
import type { ErasureInput } from './erasure.types';

const { erasureStores, eraseIn, completeErasure } = proxyActivities<ReturnType<typeof createErasureActivities>>({
  startToCloseTimeout: '1 minute',
  // A store that is down only delays the erasure: retried until it answers, however long that takes.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One person's erasure, `erasure-<erasureId>`: each store in turn, each step retried until it
 * succeeds, so a crash of any service or of the worker mid-way only delays it. The history holds
 * the erasure's id and the names of the stores, nothing about the person.
 */
export async function erasureWorkflow({ erasureId }: ErasureInput): Promise<void> {
  const stores = await erasureStores();
  for (const store of stores) await eraseIn(erasureId, store);
  await completeErasure(erasureId);
}
