import { isBefore, problems, type Problem } from '@meic/service-kit';

/** A match covers only areas the mentor was trained for: 422 naming /areas otherwise. */
export function areasRefusal(requested: readonly string[], mentorAreas: readonly string[]): Problem | null {
  const outside = requested.filter((a) => !mentorAreas.includes(a));
  if (outside.length === 0) return null;
  return problems.unprocessable(`The mentor does not mentor on ${outside.join(', ')} (only ${mentorAreas.join(', ')}).`, [
    { path: '/areas', message: `not among the mentor's areas: ${outside.join(', ')}` },
  ]);
}

/** Mentoring is part of the pathway: it cannot start before the person enrolled. */
export function startRefusal(startedOn: string, enrolledOn: string): Problem | null {
  return isBefore(startedOn, enrolledOn) ? problems.validation([{ path: '/startedOn', message: `must not be before the beneficiary's enrolment on ${enrolledOn}` }]) : null;
}

/** Why a match cannot end on `endedOn`, or null when it can. */
export function endRefusal(match: { startedOn: string; endedOn: string | null }, endedOn: string): Problem | null {
  if (match.endedOn !== null) return problems.conflict(`The match already ended on ${match.endedOn}.`);
  if (isBefore(endedOn, match.startedOn)) return problems.validation([{ path: '/endedOn', message: `must not be before the start date ${match.startedOn}` }]);
  return null;
}
