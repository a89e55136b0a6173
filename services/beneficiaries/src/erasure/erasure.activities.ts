import type { ErasureStepStatus, ErasureStore } from './erasure.types';

/**
 * What the erasure activities need from the outside world (`ErasureSteps` in the worker). Every
 * call is idempotent: Temporal retries an activity whose result it did not see.
 */
export interface ErasurePorts {
  /** The stores this deployment's erasure covers, in ERASURE_STORES order. */
  stores(): ErasureStore[];
  /** Removes what `store` holds that links to the person of this erasure. */
  erase(store: ErasureStore, erasureId: string): Promise<void>;
  record(erasureId: string, store: ErasureStore, status: ErasureStepStatus): Promise<void>;
  complete(erasureId: string): Promise<void>;
}

/**
 * The erasure workflow's activities. They take the erasure's id and return nothing, so neither
 * the person's id nor their pseudonym ever enters the workflow's history.
 */
export function createErasureActivities(ports: ErasurePorts) {
  return {
    async erasureStores(): Promise<ErasureStore[]> {
      return ports.stores();
    },
    async eraseIn(erasureId: string, store: ErasureStore): Promise<void> {
      await ports.record(erasureId, store, 'in_progress');
      await ports.erase(store, erasureId);
      await ports.record(erasureId, store, 'done');
    },
    async completeErasure(erasureId: string): Promise<void> {
      await ports.complete(erasureId);
    },
  };
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
