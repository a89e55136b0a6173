import { Type } from '@sinclair/typebox';
import { Problem } from '../problems/problem';
import { SchemaPipe } from './schema.pipe';
import { stringEnum } from './string-enum';

describe('stringEnum', () => {
  const Colour = stringEnum(['red', 'green'] as const, 'A colour');

  it('is a JSON Schema string enum with the values given', () => {
    expect(Colour).toMatchObject({ type: 'string', enum: ['red', 'green'], description: 'A colour' });
    expect(stringEnum(['a'])).not.toHaveProperty('description');
  });

  it('reports a value outside the enum once, in JSON Schema enum words', () => {
    const pipe = new SchemaPipe(Type.Object({ colour: Colour }), 'body');
    expect(pipe.transform({ colour: 'green' })).toEqual({ colour: 'green' });
    let error: unknown;
    try {
      pipe.transform({ colour: 'blue' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).body.errors).toEqual([{ path: '/colour', message: 'must be equal to one of the allowed values' }]);
  });
});
