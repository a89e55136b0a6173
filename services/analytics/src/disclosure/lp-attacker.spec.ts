import { recoverHidden } from './lp-attacker';

describe('recoverHidden', () => {
  it('recovers the single suppressed cell of a column whose total is published', async () => {
    // 12 + ? + 30 = 45 ⇒ ? = 3
    const found = await recoverHidden(
      [
        { id: 'a', value: 12 },
        { id: 'b', value: null },
        { id: 'c', value: 30 },
        { id: 't', value: 45 },
      ],
      [{ parent: 't', children: ['a', 'b', 'c'] }],
    );
    expect(found).toEqual([{ id: 'b', min: 3, max: 3, value: 3 }]);
  });

  it('pins both cells of a + b = 2, since each is at least 1', async () => {
    const found = await recoverHidden(
      [
        { id: 'a', value: null },
        { id: 'b', value: null },
        { id: 't', value: 2 },
      ],
      [{ parent: 't', children: ['a', 'b'] }],
    );
    expect(found.map((r) => [r.id, r.value])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('finds nothing in a 2×2 cycle of hidden cells with large margins', async () => {
    // Rows r1 = a + b = 50, r2 = c + d = 60; columns k1 = a + c = 40, k2 = b + d = 70.
    // True a=3 b=47 c=37 d=23; a can be anything in 1..39 (b = 50−a, c = 40−a, d = 20+a).
    const published = [
      { id: 'a', value: null },
      { id: 'b', value: null },
      { id: 'c', value: null },
      { id: 'd', value: null },
      { id: 'r1', value: 50 },
      { id: 'r2', value: 60 },
      { id: 'k1', value: 40 },
      { id: 'k2', value: 70 },
      { id: 't', value: 110 },
    ];
    const constraints = [
      { parent: 'r1', children: ['a', 'b'] },
      { parent: 'r2', children: ['c', 'd'] },
      { parent: 'k1', children: ['a', 'c'] },
      { parent: 'k2', children: ['b', 'd'] },
      { parent: 't', children: ['r1', 'r2'] },
      { parent: 't', children: ['k1', 'k2'] },
    ];
    expect(await recoverHidden(published, constraints)).toEqual([]);
    expect(await recoverHidden(published, constraints, { integer: false })).toEqual([]);
  });

  it('combines responses: a value hidden in one and published in another is known', async () => {
    // Response 1 hides x and y (t = x + y + 10); response 2 publishes y = 7 ⇒ x = 20 − 10 − 7 = 3.
    const found = await recoverHidden(
      [
        { id: 'x', value: null },
        { id: 'y', value: null },
        { id: 'z', value: 10 },
        { id: 't', value: 20 },
        { id: 'y', value: 7 },
      ],
      [{ parent: 't', children: ['x', 'y', 'z'] }],
    );
    expect(found).toEqual([{ id: 'x', min: 3, max: 3, value: 3 }]);
  });

  it('chains relations across levels', async () => {
    // country = s1 + s2 (both hidden) and s1 = s1a + s1b with s1a published 4 and s1b hidden:
    // country 9 and s2 ≥ 1 leave s1 ∈ 5..8, s1b ∈ 1..4; nothing pinned. Publishing s2 = 4 pins s1 = 5 and s1b = 1.
    const constraints = [
      { parent: 'country', children: ['s1', 's2'] },
      { parent: 's1', children: ['s1a', 's1b'] },
    ];
    const base = [
      { id: 'country', value: 9 },
      { id: 's1', value: null },
      { id: 's1a', value: 4 },
      { id: 's1b', value: null },
    ];
    expect(await recoverHidden([...base, { id: 's2', value: null }], constraints)).toEqual([]);
    expect((await recoverHidden([...base, { id: 's2', value: 4 }], constraints)).map((r) => [r.id, r.value])).toEqual([
      ['s1', 5],
      ['s1b', 1],
    ]);
  });

  it('uses integrality where the LP relaxation alone would not pin', async () => {
    // 2a = b with b ∈ {2, 3} (b + c = 4, c ≥ 1) ⇒ over the reals a ∈ [1, 1.5]: already pinned by rounding.
    // Over the integers b must be even, so b = 2, which the relaxation (b ∈ [2, 3]) does not pin.
    const published = [
      { id: 'a', value: null },
      { id: 'b', value: null },
      { id: 'c', value: null },
      { id: 'four', value: 4 },
      { id: 'zero', value: 0 },
    ];
    const constraints = [
      { parent: 'b', children: ['a', 'a'] },
      { parent: 'four', children: ['b', 'c'] },
    ];
    expect((await recoverHidden(published, constraints)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect((await recoverHidden(published, constraints, { integer: false })).map((r) => r.id)).toEqual(['a']);
  });

  it('rejects a relation over an entry no response contains', async () => {
    await expect(recoverHidden([{ id: 'a', value: null }], [{ parent: 't', children: ['a'] }])).rejects.toThrow(/no response contains/);
  });
});
