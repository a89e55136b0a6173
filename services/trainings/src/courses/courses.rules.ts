import type { CourseType } from '@meic/contracts';
import type { FieldProblem } from '@meic/service-kit';

/** Only L2 language courses have CEFR levels (target, level at start, level reached). */
export const hasCefrLevels = (type: CourseType | string): boolean => type === 'l2_language';

/** Rules of a new course beyond its schema: dates in order, a CEFR target only on L2 courses. */
export function courseProblems(body: { type: CourseType; startsOn: string; endsOn: string; cefrTarget?: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (body.endsOn < body.startsOn) out.push({ path: '/endsOn', message: `must not be before startsOn (${body.startsOn})` });
  if (body.cefrTarget !== undefined && !hasCefrLevels(body.type)) out.push({ path: '/cefrTarget', message: `only l2_language courses have a CEFR target, not ${body.type}` });
  return out;
}
