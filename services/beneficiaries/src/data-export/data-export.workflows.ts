import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { TEMPORAL_OPTIONS, type TemporalOptions } from '../pathway/pathway.service';
import type { dataExportWorkflow } from './data-export.workflow';
import { dataExportWorkflowId, type DataExportInput } from './data-export.types';

/** Starts data-export workflows; the worker runs them. */
@Injectable()
export class DataExportWorkflows implements OnApplicationShutdown {
  private client?: Promise<{ connection: Connection; client: Client }>;

  constructor(@Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions) {}

  async start(exportId: string): Promise<void> {
    this.client ??= Connection.connect({ address: this.opts.address }).then((connection) => ({ connection, client: new Client({ connection, namespace: this.opts.namespace }) }));
    const { client } = await this.client;
    await client.workflow.start<typeof dataExportWorkflow>('dataExportWorkflow', {
      workflowId: dataExportWorkflowId(exportId),
      taskQueue: this.opts.taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ exportId } satisfies DataExportInput],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client) await (await this.client).connection.close();
  }
}
