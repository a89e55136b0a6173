import type { FieldProblem } from '@meic/service-kit';
import { hasCefrLevels } from '../courses/courses.rules';

/** A level at start is only recorded on L2 courses. */
export function enrolmentProblems(course: { type: string }, body: { cefrLevelAtStart?: string }): FieldProblem[] {
  if (body.cefrLevelAtStart !== undefined && !hasCefrLevels(course.type)) {
    return [{ path: '/cefrLevelAtStart', message: `only l2_language courses record a CEFR level, not ${course.type}` }];
  }
  return [];
}

/**
 * A completion must follow the enrolment, cannot count more hours than the course has, and
 * carries a level reached only on L2 courses.
 */
export function completionProblems(
  course: { type: string; hours: number },
  enrolment: { enrolledOn: string },
  body: { completedOn: string; hoursAttended: number; cefrLevelReached?: string },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (body.completedOn < enrolment.enrolledOn) out.push({ path: '/completedOn', message: `must not be before the enrolment (${enrolment.enrolledOn})` });
  if (body.hoursAttended > course.hours) out.push({ path: '/hoursAttended', message: `must not exceed the course's ${course.hours} hours` });
  if (body.cefrLevelReached !== undefined && !hasCefrLevels(course.type)) {
    out.push({ path: '/cefrLevelReached', message: `only l2_language courses record a CEFR level, not ${course.type}` });
  }
  return out;
}
