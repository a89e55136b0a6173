import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { TEMPORAL_OPTIONS, type TemporalOptions } from '../pathway/pathway.service';
import { LazyTemporalClient } from '../pathway/temporal-client';
import type { erasureWorkflow } from './erasure.workflow';
import { erasureWorkflowId, type ErasureInput } from './erasure.types';

/** Starts erasure workflows; the worker runs them. */
@Injectable()
export class ErasureWorkflows {
  constructor(
    @Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions,
    private readonly temporal: LazyTemporalClient,
  ) {}

  /**
   * Starts `erasure-<erasureId>`; false when it runs already. A finished one may run again: only
   * erasures whose tombstone says unfinished are started (a restore reopens them).
   */
  async start(erasureId: string): Promise<boolean> {
    const client = await this.temporal.client();
    try {
      await client.workflow.start<typeof erasureWorkflow>('erasureWorkflow', {
        workflowId: erasureWorkflowId(erasureId),
        taskQueue: this.opts.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        args: [{ erasureId } satisfies ErasureInput],
      });
      return true;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw e;
    }
  }
}
