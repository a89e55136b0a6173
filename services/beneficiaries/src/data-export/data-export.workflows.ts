import { Inject, Injectable } from '@nestjs/common';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { TEMPORAL_OPTIONS, type TemporalOptions } from '../pathway/pathway.service';
import { LazyTemporalClient } from '../pathway/temporal-client';
import type { dataExportWorkflow } from './data-export.workflow';
import { dataExportWorkflowId, type DataExportInput } from './data-export.types';

/** Starts data-export workflows; the worker runs them. */
@Injectable()
export class DataExportWorkflows {
  constructor(
    @Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions,
    private readonly temporal: LazyTemporalClient,
  ) {}

  async start(exportId: string): Promise<void> {
    const client = await this.temporal.client();
    await client.workflow.start<typeof dataExportWorkflow>('dataExportWorkflow', {
      workflowId: dataExportWorkflowId(exportId),
      taskQueue: this.opts.taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ exportId } satisfies DataExportInput],
    });
  }
}
