/**
 * Event types no producer publishes any more and no consumer reads: a record of one in an old log
 * is dropped with the reason, never dead-lettered (a dead-letter topic would copy what made it
 * retired). A type whose successor can be computed from it would be upcast instead; these cannot.
 */
const CLEAR_ID = 'retired: carries the beneficiary id in clear; its successor carries an unlinkable pseudonym (ADR 0014)';

export const RETIRED_EVENTS: Readonly<Record<string, string>> = {
  'meic.beneficiary.enrolled.v1': CLEAR_ID,
  'meic.beneficiary.consent-recorded.v1': CLEAR_ID,
  'meic.beneficiary.assessed.v1': `${CLEAR_ID}; its barriers could say health (ADR 0013)`,
  'meic.beneficiary.placed.v1': CLEAR_ID,
  'meic.beneficiary.followed-up.v1': CLEAR_ID,
  'meic.beneficiary.dropped-out.v1': `${CLEAR_ID}; its reason could say health (ADR 0013)`,
  'meic.beneficiary.erased.v1': CLEAR_ID,
  'meic.pathway.stage-changed.v1': CLEAR_ID,
  'meic.pathway.task-raised.v1': CLEAR_ID,
  'meic.course.enrolled.v1': CLEAR_ID,
  'meic.course.completed.v1': CLEAR_ID,
  'meic.internship.started.v1': CLEAR_ID,
  'meic.internship.ended.v1': CLEAR_ID,
  'meic.mentoring.started.v1': CLEAR_ID,
  'meic.mentoring.ended.v1': CLEAR_ID,
};

/** Why `type` is retired, or undefined when it is not. */
export function retiredReason(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(RETIRED_EVENTS, type) ? RETIRED_EVENTS[type] : undefined;
}
