import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { TEMPORAL_OPTIONS, type TemporalOptions } from '../pathway/pathway.service';
import type { erasureWorkflow } from './erasure.workflow';
import { erasureWorkflowId, type ErasureInput } from './erasure.types';

/** Starts erasure workflows; the worker runs them. */
@Injectable()
export class ErasureWorkflows implements OnApplicationShutdown {
  private client?: Promise<{ connection: Connection; client: Client }>;

  constructor(@Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions) {}

  private connect() {
    this.client ??= Connection.connect({ address: this.opts.address }).then((connection) => ({ connection, client: new Client({ connection, namespace: this.opts.namespace }) }));
    return this.client;
  }

  /** Starts `erasure-<erasureId>`; false when it runs or ran already (its id is never reused). */
  async start(erasureId: string): Promise<boolean> {
    const { client } = await this.connect();
    try {
      await client.workflow.start<typeof erasureWorkflow>('erasureWorkflow', {
        workflowId: erasureWorkflowId(erasureId),
        taskQueue: this.opts.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ erasureId } satisfies ErasureInput],
      });
      return true;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client) await (await this.client).connection.close();
  }
}
