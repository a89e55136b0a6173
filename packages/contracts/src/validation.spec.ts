import { Type } from '@sinclair/typebox';
import { Sex } from './primitives';
import { createAjv, toFieldErrors } from './validation';

describe('toFieldErrors', () => {
  const schema = Type.Object({ sex: Sex, n: Type.Union([Type.Integer(), Type.Null()]), inner: Type.Object({ a: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false });
  const validate = createAjv().compile(schema);

  it('gives one message per field: enums list their values, missing and unknown fields are named', () => {
    expect(validate({ sex: 'f', n: 'x', inner: { b: 1 }, extra: true })).toBe(false);
    expect(toFieldErrors(validate.errors)).toEqual([
      { path: '/extra', message: 'is not a known field' },
      { path: '/sex', message: 'must be one of "female", "male", "other", "undisclosed"' },
      { path: '/n', message: 'must match a schema in anyOf' },
      { path: '/inner/a', message: 'is required' },
      { path: '/inner/b', message: 'is not a known field' },
    ]);
  });
});
