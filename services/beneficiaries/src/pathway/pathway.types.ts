// Shared by the workflow (deterministic sandbox) and the service: types and definitions only.
import { defineQuery, defineSignal } from '@temporalio/workflow';

// The stages are the contract's; a type-only import keeps the contracts runtime (Ajv…) out of the
// deterministic workflow bundle.
import type { PathwayStage } from '@meic/contracts';

/** Workflow input: pseudonymous id and site only; never personal data (it would live in the history). */
export interface PathwayInput {
  beneficiaryId: string;
  siteCode: string;
  enrolledOn: string;
}

/** A domain fact delivered to the pathway; `eventId` (ce_id) makes redelivery harmless. */
export interface PathwayEvent {
  eventId: string;
  type: string;
  occurredOn: string;
}

export interface PathwayState {
  beneficiaryId: string;
  siteCode: string;
  stage: PathwayStage;
  history: { stage: PathwayStage; on: string }[];
  eventsApplied: number;
}

export const pathwayEventSignal = defineSignal<[PathwayEvent]>('pathwayEvent');
export const pathwayStateQuery = defineQuery<PathwayState>('pathwayState');

export function pathwayWorkflowId(beneficiaryId: string): string {
  return `pathway-${beneficiaryId}`;
}
