import { WorkflowNotFoundError } from '@temporalio/client';
import type { LazyTemporalClient } from '../pathway/temporal-client';
import { pathwayWorkflowId } from '../pathway/pathway.types';
import type { ErasurePorts } from './erasure.activities';
import type { ErasureRepository } from './erasure.repository';
import type { ErasureStepStatus, ErasureStore } from './erasure.types';
import { ERASURE_STORES } from './erasure.types';

/** gRPC status NOT_FOUND: Temporal's answer for an execution that does not exist (any more). */
const GRPC_NOT_FOUND = 5;
/** How long one attempt of the Temporal step waits for the deletion to show (the activity may run a minute). */
const DELETION_WAIT_MS = 45_000;

/** Another service that keeps records of people, and the token this worker calls it with. */
export interface ErasurePeer {
  store: Extract<ErasureStore, 'trainings' | 'stakeholders'>;
  url: string;
}

export interface ErasureStepsOptions {
  temporal: LazyTemporalClient;
  peers: readonly ErasurePeer[];
  token: () => string;
}

/**
 * The erasure activities' ports in the pathway worker: Temporal (the pathway's history is
 * deleted, not only terminated), the other services (POST /v1/erasures, service token: they
 * delete what they hold about the person), and this database. Each step finds the person from the
 * erasure's tombstone, so the workflow never carries their id.
 */
export class ErasureSteps implements ErasurePorts {
  constructor(
    private readonly erasures: ErasureRepository,
    private readonly opts: ErasureStepsOptions,
  ) {}

  stores(): ErasureStore[] {
    const peers = new Set(this.opts.peers.map((p) => p.store));
    return ERASURE_STORES.filter((s) => (s === 'trainings' || s === 'stakeholders' ? peers.has(s) : true));
  }

  async erase(store: ErasureStore, erasureId: string): Promise<void> {
    const erasure = await this.erasures.find(erasureId);
    if (!erasure) throw new Error(`erasure ${erasureId} is not in this database`);
    const id = erasure.beneficiaryId;
    if (store === 'temporal') return this.deletePathway(id);
    if (store === 'beneficiaries') return this.erasures.purge(id);
    const peer = this.opts.peers.find((p) => p.store === store);
    if (!peer) throw new Error(`no ${store} service configured`);
    // The pseudonym lets the peer tombstone it; after a restore it may be gone, and the id suffices.
    const pseudonym = await this.erasures.pseudonymOf(id);
    const res = await fetch(`${peer.url}/v1/erasures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.opts.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ beneficiaryId: id, ...(pseudonym ? { pseudonym } : {}) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`${store} answered ${res.status} to the erasure`);
  }

  record(erasureId: string, store: ErasureStore, status: ErasureStepStatus): Promise<void> {
    return this.erasures.recordStep(erasureId, store, status, new Date());
  }

  complete(erasureId: string): Promise<void> {
    return this.erasures.complete(erasureId, new Date());
  }


  /**
   * Deletes the pathway's execution and history (terminating it if it runs). Temporal deletes in
   * the background, so the step is done only once the execution can no longer be found; until
   * then it fails and is retried (asking again is harmless).
   */
  private async deletePathway(beneficiaryId: string): Promise<void> {
    const client = await this.opts.temporal.client();
    const workflowId = pathwayWorkflowId(beneficiaryId);
    const gone = (e: unknown) => e instanceof WorkflowNotFoundError || (e as { code?: number }).code === GRPC_NOT_FOUND;
    try {
      await client.workflowService.deleteWorkflowExecution({ namespace: this.opts.temporal.namespace, workflowExecution: { workflowId } });
    } catch (e) {
      if (gone(e)) return;
      throw e;
    }
    // A busy server deletes late (tens of seconds were seen under load): wait most of the activity's minute.
    const deadline = Date.now() + DELETION_WAIT_MS;
    while (Date.now() < deadline) {
      try {
        await client.workflow.getHandle(workflowId).describe();
      } catch (e) {
        if (gone(e)) return;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the pathway of erasure's person is still in Temporal ${DELETION_WAIT_MS / 1000} s after its deletion was asked for`);
  }
}
