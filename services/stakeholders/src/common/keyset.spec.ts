import { encodeCursor, Problem } from '@meic/service-kit';
import { afterCreated, createdKeyOf, decodeCreatedCursor } from './keyset';

const id = '0b7f1c2e-8a59-4a3e-9f1e-0c9d2b1a7e55';

describe('created-order keyset', () => {
  it('round-trips the key of a row through a cursor', () => {
    const key = createdKeyOf({ createdAt: new Date('2026-03-02T10:00:00.123Z'), id });
    expect(decodeCreatedCursor(encodeCursor(key))).toEqual({ createdAt: '2026-03-02T10:00:00.123Z', id });
    expect(decodeCreatedCursor(undefined)).toBeUndefined();
  });

  it('selects rows strictly after the cursor, breaking createdAt ties by id', () => {
    const at = new Date('2026-03-02T10:00:00.123Z');
    expect(afterCreated({ createdAt: at.toISOString(), id })).toEqual({ OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] });
    expect(afterCreated(undefined)).toEqual({});
  });

  it.each([['garbage'], [encodeCursor({ createdAt: 'yesterday', id })], [encodeCursor({ createdAt: '2026-03-02T10:00:00Z', id: 'x' })], [encodeCursor({ code: 'IT-RM' })]])(
    'rejects a cursor it did not issue (%s) with 400 naming /cursor',
    (cursor) => {
      try {
        decodeCreatedCursor(cursor);
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(Problem);
        expect((e as Problem).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
      }
    },
  );
});
