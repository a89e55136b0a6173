import { Type } from '@sinclair/typebox';

/**
 * A string enum as JSON Schema `enum`: one clear error ("must be equal to one of the allowed
 * values") instead of one per literal that a TypeBox union of literals makes Ajv report.
 * Same values as the contracts' unions, so requests and events accept the same things.
 */
export const stringEnum = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
