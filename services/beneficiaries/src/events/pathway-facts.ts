import type { CloudEvent, EventType } from '@meic/contracts';
import type { EventHandlers, StepResult } from '@meic/service-kit';
import type { PathwayFact } from '../pathway/pathway.rules';

/** The person events that move a pathway, from this service's topic and the trainings topic. */
export const PATHWAY_FACT_TYPES = [
  'meic.beneficiary.consent-recorded.v2',
  'meic.beneficiary.assessed.v2',
  'meic.beneficiary.placed.v2',
  'meic.beneficiary.followed-up.v2',
  'meic.beneficiary.dropped-out.v2',
  'meic.course.enrolled.v2',
  'meic.course.completed.v2',
  'meic.internship.started.v2',
  'meic.internship.ended.v2',
] as const satisfies readonly EventType[];
export type PathwayFactType = (typeof PATHWAY_FACT_TYPES)[number];

export function isPathwayFactType(type: EventType): type is PathwayFactType {
  return (PATHWAY_FACT_TYPES as readonly EventType[]).includes(type);
}

/** The same step for every pathway fact. */
export function pathwayFactHandlers(step: (event: CloudEvent<PathwayFactType>) => Promise<StepResult>): EventHandlers {
  return Object.fromEntries(PATHWAY_FACT_TYPES.map((type) => [type, step])) as EventHandlers;
}

/**
 * The fact a person event delivers to their pathway: the CloudEvent id (redelivery is harmless),
 * the kind, the date and the few dates the rules need. Picked field by field: nothing else of
 * the event (coarse attributes included) goes into the workflow's history.
 */
export function pathwayFactOf(event: CloudEvent<PathwayFactType>): PathwayFact {
  const eventId = event.id;
  switch (event.type) {
    // Consent is a fact of the pathway too: without consent to follow-up it raises no follow-up task.
    case 'meic.beneficiary.consent-recorded.v2': {
      const d = (event as CloudEvent<'meic.beneficiary.consent-recorded.v2'>).data;
      return { eventId, kind: 'consent', on: d.occurredOn, at: event.time, evaluationFollowUp: d.evaluationFollowUp };
    }
    case 'meic.beneficiary.assessed.v2':
      return { eventId, kind: 'assessed', on: event.data.occurredOn };
    case 'meic.beneficiary.placed.v2':
      return { eventId, kind: 'placed', on: event.data.occurredOn };
    case 'meic.beneficiary.followed-up.v2': {
      const d = (event as CloudEvent<'meic.beneficiary.followed-up.v2'>).data;
      return { eventId, kind: 'followed-up', on: d.occurredOn, months: d.monthsAfterPlacement, placedOn: d.placedOn };
    }
    case 'meic.beneficiary.dropped-out.v2':
      return { eventId, kind: 'dropped-out', on: event.data.occurredOn };
    case 'meic.course.enrolled.v2':
      return { eventId, kind: 'course-enrolled', on: event.data.occurredOn };
    // Completed, failed or withdrawn alike: the person left the course, and the pathway moves on.
    case 'meic.course.completed.v2':
      return { eventId, kind: 'course-completed', on: event.data.occurredOn };
    case 'meic.internship.started.v2': {
      const d = (event as CloudEvent<'meic.internship.started.v2'>).data;
      return { eventId, kind: 'internship-started', on: d.occurredOn, plannedEndOn: d.plannedEndOn };
    }
    case 'meic.internship.ended.v2':
      return { eventId, kind: 'internship-ended', on: event.data.occurredOn };
  }
}
