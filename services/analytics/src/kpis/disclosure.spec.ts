import { suppressColumn } from './disclosure';

describe('suppressColumn', () => {
  it('hides small counts but publishes zeros and counts at the threshold', () => {
    expect(suppressColumn([0, 5, 12, 3, 4], 5).map((c) => c.value)).toEqual([0, 5, 12, null, null]);
  });

  it('hides the next-smallest non-zero sibling when only one cell is hidden, so the total cannot reveal it', () => {
    const cells = suppressColumn([40, 2, 9, 0, 17], 5);
    expect(cells.map((c) => c.value)).toEqual([40, null, null, 0, 17]);
    expect(cells.filter((c) => c.suppressed)).toHaveLength(2);
  });

  it('leaves a column without small counts untouched', () => {
    expect(suppressColumn([5, 6, 0], 5).every((c) => !c.suppressed)).toBe(true);
  });
});
