import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { BeneficiaryEnrolledV1, CloudEvent } from '@meic/contracts';
import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { pathwayWorkflow } from './pathway.workflow';
import { pathwayEventSignal, pathwayStateQuery, pathwayWorkflowId, type PathwayEvent, type PathwayState } from './pathway.types';

export const TEMPORAL_OPTIONS = Symbol('TEMPORAL_OPTIONS');
export interface TemporalOptions {
  address: string;
  namespace: string;
  taskQueue: string;
}

@Injectable()
export class PathwayService implements OnApplicationShutdown {
  private client?: Promise<{ connection: Connection; client: Client }>;

  constructor(@Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions) {}

  private connect(): Promise<{ connection: Connection; client: Client }> {
    this.client ??= Connection.connect({ address: this.opts.address }).then((connection) => ({
      connection,
      client: new Client({ connection, namespace: this.opts.namespace }),
    }));
    return this.client;
  }

  /**
   * Starts the person's pathway, or signals it if it runs already. The workflow id derives
   * from the beneficiary id, so a redelivered enrolment cannot start a second pathway, and a
   * closed pathway is never started again. Returns false when the pathway had already closed.
   */
  async startFromEnrolment(event: CloudEvent<'meic.beneficiary.enrolled.v1'>): Promise<boolean> {
    const data: BeneficiaryEnrolledV1 = event.data;
    const { client } = await this.connect();
    try {
      await client.workflow.signalWithStart<typeof pathwayWorkflow, [PathwayEvent]>('pathwayWorkflow', {
        workflowId: pathwayWorkflowId(data.beneficiaryId),
        taskQueue: this.opts.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ beneficiaryId: data.beneficiaryId, siteCode: data.siteCode, enrolledOn: data.occurredOn }],
        signal: pathwayEventSignal,
        signalArgs: [{ eventId: event.id, type: event.type, occurredOn: data.occurredOn }],
      });
      return true;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw e;
    }
  }

  /**
   * Ends the person's pathway (erasure). A pathway that never started or has closed already is
   * fine: returns false then. The history keeps only the pseudonymous id and site.
   */
  async terminate(beneficiaryId: string, reason: string): Promise<boolean> {
    const { client } = await this.connect();
    try {
      await client.workflow.getHandle(pathwayWorkflowId(beneficiaryId)).terminate(reason);
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  async state(beneficiaryId: string): Promise<PathwayState> {
    const { client } = await this.connect();
    return client.workflow.getHandle(pathwayWorkflowId(beneficiaryId)).query(pathwayStateQuery);
  }

  async ping(): Promise<void> {
    const { connection } = await this.connect();
    await connection.healthService.check({});
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client) await (await this.client).connection.close();
  }
}
