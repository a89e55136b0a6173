import { Problem } from '../problems/problem';
import { decodeCursor, encodeCursor, toPage } from './pagination';

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
