import { Type } from '@sinclair/typebox';

/**
 * A string enum as JSON Schema `enum`: one error, "must be equal to one of the allowed values",
 * where a TypeBox union of literals is reported by the contracts' toFieldErrors as "must be one
 * of …" listing the values. Give it the contracts' value lists, so requests and events accept
 * the same things.
 */
export const stringEnum = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
