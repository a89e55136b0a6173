export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/**
 * Primary suppression: counts from 1 to minCell-1 are hidden. Complementary suppression: in a
 * column of sibling cells that adds up to a published total, a single hidden cell could be
 * recovered by subtraction, so the next-smallest non-zero sibling is hidden too (kpis.md).
 * Zero is published: it discloses no one.
 */
export function suppressColumn(values: readonly number[], minCell: number): Cell[] {
  const cells: Cell[] = values.map((v) => (v > 0 && v < minCell ? { value: null, suppressed: true } : { value: v, suppressed: false }));
  const hidden = cells.filter((c) => c.suppressed).length;
  if (hidden === 1) {
    let pick = -1;
    values.forEach((v, i) => {
      const cell = cells[i];
      if (cell && !cell.suppressed && v > 0 && (pick < 0 || v < (values[pick] ?? Infinity))) pick = i;
    });
    const chosen = cells[pick];
    if (chosen) cells[pick] = { value: null, suppressed: true };
  }
  return cells;
}

export function unsuppressed(values: readonly number[]): Cell[] {
  return values.map((v) => ({ value: v, suppressed: false }));
}
