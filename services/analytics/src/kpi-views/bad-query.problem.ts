import { Problem, type FieldProblem } from '@meic/service-kit';

/**
 * A query that is well-formed (it passed its schema, which answers 400 as everywhere on the
 * platform) but cannot be evaluated: `from` after `to`, more buckets than a series may have, a
 * period that names no period. 422 problem+json naming the field(s).
 */
export function badQuery(errors: FieldProblem[], detail = `Invalid query: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`): Problem {
  return Problem.of(422, 'validation', 'Invalid query', detail, errors);
}
