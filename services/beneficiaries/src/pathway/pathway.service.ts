import { Inject, Injectable } from '@nestjs/common';
import type { BeneficiaryEnrolledV2, CloudEvent } from '@meic/contracts';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { PathwayTemplateService } from './pathway-template.service';
import { LazyTemporalClient } from './temporal-client';
import type { PathwayFact, PathwayTemplate } from './pathway.rules';
import type { pathwayWorkflow } from './pathway.workflow';
import { migrateTemplateSignal, pathwayFactSignal, pathwayStateQuery, pathwayWorkflowId, taskClosedSignal, type PathwayInput, type PathwayState } from './pathway.types';

export const TEMPORAL_OPTIONS = Symbol('TEMPORAL_OPTIONS');
export interface TemporalOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** See PathwayInput.catchUpGraceSeconds. */
  catchUpGraceSeconds: number;
}

@Injectable()
export class PathwayService {
  constructor(
    @Inject(TEMPORAL_OPTIONS) private readonly opts: TemporalOptions,
    private readonly temporal: LazyTemporalClient,
    private readonly templates: PathwayTemplateService,
  ) {}

  /**
   * Starts the person's pathway, or signals it if it runs already. The workflow id derives
   * from the beneficiary id, so a redelivered enrolment cannot start a second pathway, and a
   * closed pathway is never started again. Returns false when the pathway had already closed.
   * The site's template goes into the input: the pathway keeps it whatever the site changes later.
   */
  async startFromEnrolment(event: CloudEvent<'meic.beneficiary.enrolled.v2'>, beneficiaryId: string): Promise<boolean> {
    const data: BeneficiaryEnrolledV2 = event.data;
    const client = await this.temporal.client();
    try {
      await client.workflow.signalWithStart<typeof pathwayWorkflow, [PathwayFact]>('pathwayWorkflow', {
        workflowId: pathwayWorkflowId(beneficiaryId),
        taskQueue: this.opts.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [await this.inputOf({ beneficiaryId, siteCode: data.siteCode, enrolledOn: data.occurredOn })],
        signal: pathwayFactSignal,
        signalArgs: [{ eventId: event.id, kind: 'enrolled', on: data.occurredOn }],
      });
      return true;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw e;
    }
  }

  /**
   * Delivers a fact of the person's pathway (from their events), starting the pathway if the
   * fact came first: a course or internship event (another topic) can overtake the enrolment
   * event that starts it, and must not be lost. False when the pathway has closed (its id is
   * never reused) — a closed workflow takes no facts.
   */
  async signalFact(origin: { beneficiaryId: string; siteCode: string; enrolledOn: string }, fact: PathwayFact): Promise<boolean> {
    const client = await this.temporal.client();
    try {
      await client.workflow.signalWithStart<typeof pathwayWorkflow, [PathwayFact]>('pathwayWorkflow', {
        workflowId: pathwayWorkflowId(origin.beneficiaryId),
        taskQueue: this.opts.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [await this.inputOf(origin)],
        signal: pathwayFactSignal,
        signalArgs: [fact],
      });
      return true;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw e;
    }
  }

  private async inputOf({ beneficiaryId, siteCode, enrolledOn }: { beneficiaryId: string; siteCode: string; enrolledOn: string }): Promise<PathwayInput> {
    return { beneficiaryId, siteCode, enrolledOn, template: await this.templates.forSite(siteCode), catchUpGraceSeconds: this.opts.catchUpGraceSeconds };
  }

  /**
   * Moves a running pathway to `template`, its site's current one (a deliberate migration; pathways
   * otherwise keep the template they started with). False when the pathway is not running.
   */
  async migrateTemplate(beneficiaryId: string, template: PathwayTemplate): Promise<boolean> {
    return this.signal(beneficiaryId, (h) => h.signal(migrateTemplateSignal, { template }));
  }

  /** The template a site's new pathways start with. */
  templateOf(siteCode: string): Promise<PathwayTemplate> {
    return this.templates.forSite(siteCode);
  }

  /** A caseworker closed a task of the pathway. False when the pathway has ended meanwhile. */
  async closeTask(beneficiaryId: string, taskId: string): Promise<boolean> {
    return this.signal(beneficiaryId, (h) => h.signal(taskClosedSignal, { taskId }));
  }

  async state(beneficiaryId: string): Promise<PathwayState> {
    const client = await this.temporal.client();
    return client.workflow.getHandle(pathwayWorkflowId(beneficiaryId)).query(pathwayStateQuery);
  }

  /** The pathway's state, or undefined when the person has no pathway (never started, or terminated and gone). */
  async findState(beneficiaryId: string): Promise<PathwayState | undefined> {
    try {
      return await this.state(beneficiaryId);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return undefined;
      throw e;
    }
  }

  private async signal(beneficiaryId: string, send: (handle: WorkflowHandle) => Promise<void>): Promise<boolean> {
    const client = await this.temporal.client();
    try {
      await send(client.workflow.getHandle(pathwayWorkflowId(beneficiaryId)));
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  async ping(): Promise<void> {
    const connection = await this.temporal.connection();
    await connection.healthService.check({});
  }
}
