import { Problem } from '../problems/problem';
import { UuidPipe } from './uuid-param';

describe('UUID path parameters', () => {
  const id = '0B7F1C2E-8A59-4A3E-9F1E-0C9D2B1A7E55';

  it('passes a UUID through, lower-cased as ids are stored', () => {
    expect(new UuidPipe('id').transform(id)).toBe(id.toLowerCase());
    expect(new UuidPipe('id').transform(id.toLowerCase())).toBe(id.toLowerCase());
  });

  it.each([['nope'], [''], [`${id}0`], [id.replace(/-/g, '')]])('refuses %p with a 400 naming the parameter', (value) => {
    let error: unknown;
    try {
      new UuidPipe('beneficiaryId').transform(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).body).toMatchObject({ status: 400, errors: [{ path: '/beneficiaryId', message: 'must be a UUID' }] });
  });
});
