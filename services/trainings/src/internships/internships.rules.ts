import type { FieldProblem } from '@meic/service-kit';

/** A planned end cannot precede the start. */
export function internshipProblems(body: { startedOn: string; plannedEndOn: string }): FieldProblem[] {
  return body.plannedEndOn < body.startedOn ? [{ path: '/plannedEndOn', message: `must not be before startedOn (${body.startedOn})` }] : [];
}

/** An internship cannot end before it started. */
export function internshipEndProblems(internship: { startedOn: string }, body: { endedOn: string }): FieldProblem[] {
  return body.endedOn < internship.startedOn ? [{ path: '/endedOn', message: `must not be before the start (${internship.startedOn})` }] : [];
}
