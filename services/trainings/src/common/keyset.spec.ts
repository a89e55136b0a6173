import { encodeCursor, Problem } from '@meic/service-kit';
import { createdKey, decodeCreatedCursor } from './keyset';

describe('created-at keyset cursor', () => {
  const id = '0b6f5c1e-3c1a-4d7e-9a51-1f0c2b3d4e5f';

  it('round-trips the last row’s creation time and id', () => {
    const at = new Date('2026-11-24T10:11:12.345Z');
    expect(decodeCreatedCursor(encodeCursor(createdKey(at, id)))).toEqual({ createdAt: at, id });
    expect(decodeCreatedCursor(undefined)).toBeUndefined();
  });

  it('refuses cursors that decode but hold no time or no UUID, naming /cursor', () => {
    for (const bad of [encodeCursor({ createdAt: 'yesterday', id }), encodeCursor({ createdAt: '2026-11-24T10:11:12.345Z', id: 'x' }), 'garbage']) {
      expect(() => decodeCreatedCursor(bad)).toThrow(Problem);
      try {
        decodeCreatedCursor(bad);
      } catch (e) {
        expect((e as Problem).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
      }
    }
  });
});
