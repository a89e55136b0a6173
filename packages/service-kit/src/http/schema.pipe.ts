import { Body, Injectable, Query, type PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { createAjv, toFieldErrors } from '@meic/contracts';
type ValidateFunction = ReturnType<ReturnType<typeof createAjv>['compile']>;
import { recordSchema } from '../openapi/api-doc';
import { problems } from '../problems/problem';

const ajv = createAjv();
// Query strings arrive as text: coerce them, but only there.
const queryAjv = createAjv({ coerceTypes: true });

/** Validates a body or query against a JSON Schema (TypeBox), naming each offending field. */
@Injectable()
export class SchemaPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  private readonly validate: ValidateFunction;

  constructor(
    schema: S,
    private readonly where: 'body' | 'query',
  ) {
    this.validate = (where === 'query' ? queryAjv : ajv).compile(schema);
  }

  transform(value: unknown): Static<S> {
    const input = this.where === 'body' && value === undefined ? {} : value;
    if (this.where === 'body' && (typeof input !== 'object' || input === null || Array.isArray(input))) {
      throw problems.validation([{ path: '/', message: 'must be a JSON object' }]);
    }
    const copy = this.where === 'query' ? { ...(input as object) } : input;
    if (!this.validate(copy)) {
      const errors = toFieldErrors(this.validate.errors);
      throw problems.validation(errors, `Invalid ${this.where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`);
    }
    return copy as Static<S>;
  }
}

function validated(where: 'body' | 'query', schema: TSchema): ParameterDecorator {
  const bind = where === 'body' ? Body(new SchemaPipe(schema, where)) : Query(new SchemaPipe(schema, where));
  const record = recordSchema(where, schema);
  return (target, key, index) => {
    bind(target, key, index);
    record(target, key, index);
  };
}

/** The body, validated against `schema`, which OpenAPI then documents. */
export const ValidBody = <S extends TSchema>(schema: S): ParameterDecorator => validated('body', schema);
/** The query, validated against `schema` (an object), which OpenAPI then documents. */
export const ValidQuery = <S extends TSchema>(schema: S): ParameterDecorator => validated('query', schema);
