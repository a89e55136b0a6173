import { Problem } from '../problems/problem';
import { afterCreated, createdKeyOf, createdOrder, decodeCreatedCursor, decodeCursor, encodeCursor, toPage } from './pagination';

describe('keyset pagination', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ id: `id-${n}`, createdAt: `2026-01-0${n}` }));

  it('gives a cursor only when there is another page, pointing after the last item', () => {
    const page = toPage(rows, 3, (r) => ({ createdAt: r.createdAt, id: r.id }), (r) => r.id);
    expect(page.items).toEqual(['id-1', 'id-2', 'id-3']);
    expect(decodeCursor(page.nextCursor, ['createdAt', 'id'])).toEqual({ createdAt: '2026-01-03', id: 'id-3' });
    expect(toPage(rows.slice(0, 3), 3, (r) => ({ id: r.id }), (r) => r.id).nextCursor).toBeUndefined();
  });

  it('rejects a cursor it did not issue as a validation problem on /cursor', () => {
    for (const bad of ['not-base64-json', encodeCursor({ other: 1 })]) {
      let error: unknown;
      try {
        decodeCursor(bad, ['id']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Problem);
      expect((error as Problem).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
    }
  });
});

describe('created-order keyset', () => {
  const id = '0b7f1c2e-8a59-4a3e-9f1e-0c9d2b1a7e55';

  it('round-trips the key of a row through a cursor', () => {
    const key = createdKeyOf({ createdAt: new Date('2026-03-02T10:00:00.123Z'), id });
    expect(decodeCreatedCursor(encodeCursor(key))).toEqual({ createdAt: '2026-03-02T10:00:00.123Z', id });
    expect(decodeCreatedCursor(undefined)).toBeUndefined();
  });

  it('selects rows strictly after the cursor, breaking createdAt ties by id or the column named', () => {
    const at = new Date('2026-03-02T10:00:00.123Z');
    expect(afterCreated({ createdAt: at.toISOString(), id })).toEqual({ OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] });
    expect(afterCreated({ createdAt: at.toISOString(), id }, 'beneficiaryId')).toEqual({ OR: [{ createdAt: { gt: at } }, { createdAt: at, beneficiaryId: { gt: id } }] });
    expect(afterCreated(undefined)).toEqual({});
  });

  it('orders by createdAt, then the tie-breaker', () => {
    expect(createdOrder()).toEqual([{ createdAt: 'asc' }, { id: 'asc' }]);
    expect(createdOrder('beneficiaryId')).toEqual([{ createdAt: 'asc' }, { beneficiaryId: 'asc' }]);
  });

  it.each([
    ['garbage'],
    [encodeCursor({ createdAt: 'yesterday', id })],
    [encodeCursor({ createdAt: 1767225600000, id })],
    [encodeCursor({ createdAt: '2026-03-02T10:00:00Z', id: 'x' })],
    [encodeCursor({ code: 'IT-RM' })],
  ])('rejects a cursor it did not issue (%s) with 400 naming /cursor', (cursor) => {
    let error: unknown;
    try {
      decodeCreatedCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  });
});
