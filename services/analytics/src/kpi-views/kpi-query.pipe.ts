import { Injectable, Query, type PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { Problem, SchemaPipe, type FieldProblem } from '@meic/service-kit';

/** A query the service cannot answer: 422 problem+json naming the offending field(s). */
export function badQuery(errors: FieldProblem[], detail = `Invalid query: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`): Problem {
  return Problem.of(422, 'validation', 'Invalid query', detail, errors);
}

/**
 * The schema pipe of service-kit, answering 422 instead of 400: a KPI query is well-formed HTTP
 * whose parameters cannot be evaluated (unknown metric, date that is not a date, too many
 * buckets), and the KPI endpoints report every such case the same way, naming the field.
 */
@Injectable()
export class KpiQueryPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  private readonly inner: SchemaPipe<S>;

  constructor(schema: S) {
    this.inner = new SchemaPipe(schema, 'query');
  }

  transform(value: unknown): Static<S> {
    try {
      return this.inner.transform(value);
    } catch (e) {
      if (e instanceof Problem && e.body.status === 400) throw badQuery(e.body.errors ?? [], e.body.detail);
      throw e;
    }
  }
}

export const KpiQuery = <S extends TSchema>(schema: S) => Query(new KpiQueryPipe(schema));
