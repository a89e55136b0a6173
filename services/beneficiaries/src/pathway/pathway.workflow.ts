import { condition, setHandler } from '@temporalio/workflow';
import { pathwayEventSignal, pathwayStateQuery, type PathwayEvent, type PathwayInput, type PathwayState } from './pathway.types';

/**
 * One beneficiary's pathway. This first version records that the person is in intake and
 * accepts their events idempotently; the stage machine, deadlines and follow-ups build on it.
 */
export async function pathwayWorkflow(input: PathwayInput): Promise<PathwayState> {
  const state: PathwayState = {
    beneficiaryId: input.beneficiaryId,
    siteCode: input.siteCode,
    stage: 'intake',
    history: [{ stage: 'intake', on: input.enrolledOn }],
    eventsApplied: 0,
  };
  const seen = new Set<string>();

  setHandler(pathwayEventSignal, (event: PathwayEvent) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    state.eventsApplied += 1;
  });
  setHandler(pathwayStateQuery, () => state);

  await condition(() => state.stage === 'closed' || state.stage === 'dropped_out');
  return state;
}
