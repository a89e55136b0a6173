import { applyTablePattern, suppressColumn, suppressColumnWithTotal, suppressTable, type TablePattern } from './disclosure';
import { prng } from '../testing/prng';

const MIN = 5;

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

  it('treats a single value (a total on its own) as a plain primary suppression', () => {
    expect(suppressColumn([3], 5)).toEqual([{ value: null, suppressed: true }]);
    expect(suppressColumn([7], 5)).toEqual([{ value: 7, suppressed: false }]);
  });
});

describe('suppressColumnWithTotal', () => {
  it('hides a small total together with the cells (all non-zero cells are then small)', () => {
    // [3, 0] total 3: the cell 3 and the total 3 are both primary; two unknowns, one equation (x = T).
    const { cells, total } = suppressColumnWithTotal([3, 0], MIN);
    expect(cells.map((c) => c.value)).toEqual([null, 0]);
    expect(total.suppressed).toBe(true);
  });

  it('hides the next-smallest sibling, never the total when a cell can do it', () => {
    // [2, 6, 30] total 38: 2 primary; next-smallest non-zero of {6, 30, 38} is 6.
    const { cells, total } = suppressColumnWithTotal([2, 6, 30], MIN);
    expect(cells.map((c) => c.suppressed)).toEqual([true, true, false]);
    expect(total).toEqual({ value: 38, suppressed: false });
  });

  it('accepts a published total that is not the sum of the shown cells (e.g. an "other" row left out)', () => {
    // [2, 9] with total 50: 2 hidden, next-smallest 9 hidden; 50 − 2 − 9 is not recoverable by anyone.
    const { cells, total } = suppressColumnWithTotal([2, 9], MIN, 50);
    expect(cells.map((c) => c.value)).toEqual([null, null]);
    expect(total.value).toBe(50);
  });
});

describe('suppressTable (hand-made)', () => {
  it('adds no suppression to a table without small counts', () => {
    const p = suppressTable(
      [
        [5, 10, 0],
        [7, 20, 9],
      ],
      MIN,
    );
    expect(p).toEqual({ cells: [[false, false, false], [false, false, false]], rowTotals: [false, false], columnTotals: [false, false, false], grandTotal: false });
  });

  it('closes a rectangle around a single small cell', () => {
    //        a   b   c | tot
    //  g1   20   3  15 | 38      3 is primary.
    //  g2   10  12   8 | 30      row g1 has one hidden → next-smallest non-zero of {20, 15, 38} = 15
    //  tot  30  15  23 | 68      column b has one hidden (3) → smallest of {12, 15} = 12
    //                            column c has one hidden (15) → smallest of {8, 23} = 8
    //  Then g1 {3, 15}, g2 {12, 8}, b {3, 12}, c {15, 8}: every line has two; the four hidden cells form
    //  a cycle, so none can be computed: any +k/−k around the rectangle keeps every sum.
    const p = suppressTable(
      [
        [20, 3, 15],
        [10, 12, 8],
      ],
      MIN,
    );
    expect(p.cells).toEqual([
      [false, true, true],
      [false, true, true],
    ]);
    expect(p.rowTotals).toEqual([false, false]);
    expect(p.columnTotals).toEqual([false, false, false]);
    expect(p.grandTotal).toBe(false);
  });

  it('protects a row whose total is itself small', () => {
    //        a   b   c | tot
    //  g1    2   1   0 |  3     2, 1 and the row total 3 are primary; 0 is published.
    //  g2    9   7   6 | 22     column a has one hidden (2) → smallest of {9, 11} = 9
    //  tot  11   8   6 | 25     column b has one hidden (1) → smallest of {7, 8} = 7
    //                           row-total column has one hidden (3) → smallest of {22, 25} = 22
    //  Then g2 has {9, 7, 22} hidden, 6 published: 9 + 7 = 22 − 6 but each stays unknown.
    const p = suppressTable(
      [
        [2, 1, 0],
        [9, 7, 6],
      ],
      MIN,
    );
    expect(p.cells).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
    expect(p.rowTotals).toEqual([true, true]);
    expect(p.columnTotals).toEqual([false, false, false]);
    expect(p.grandTotal).toBe(false);
    expect(recoverByElimination(grid([[2, 1, 0], [9, 7, 6]]), p)).toEqual([]);
  });

  it('handles a one-row table, whose column totals repeat its cells', () => {
    //  g1    3  10  12 | 25     3 primary in the cell and in the column total (the same number).
    //  tot   3  10  12 | 25     each of the two rows has one hidden → next-smallest 10 in both.
    const p = suppressTable([[3, 10, 12]], MIN);
    expect(p.cells).toEqual([[true, true, false]]);
    expect(p.columnTotals).toEqual([true, true, false]);
    expect(p.rowTotals).toEqual([false]);
    expect(p.grandTotal).toBe(false);
  });

  it('breaks a "bridge": two hidden blocks joined by one cell, which every line count misses', () => {
    //        c0  c1  c2  c3 | tot
    //  r0     1   2   3  20 |  26     primaries: the 2×2 block r0–r1 × c0–c1, the 2×2 block
    //  r1     3   4  10  30 |  47     r2–r3 × c2–c3, and (r0, c2) = 3 joining them.
    //  r2    15  12   2   1 |  30     Every line has 0, 2 or 3 hidden entries, so the line-by-line
    //  r3    11  40   4   3 |  58     attacker learns nothing, yet (r0 + r1 totals) − (c0 + c1 totals)
    //  tot   30  58  19  54 | 161     = (r0,c2) + 20 + 10 + 30 − (15 + 12 + 11 + 40), so
    //  (r0,c2) = 73 − 88 − 60 + 78 = 3. It lies on no cycle of hidden cells (it is a bridge).
    //  A cycle through it needs a hidden cell in rows {r2, r3} × columns {c0, c1}: of 15, 12, 11, 40
    //  the smallest, 11 at (r3, c0), is hidden; then r0–c2–r3–c0 is a cycle and nothing is recoverable.
    const t = [
      [1, 2, 3, 20],
      [3, 4, 10, 30],
      [15, 12, 2, 1],
      [11, 40, 4, 3],
    ];
    const primaryOnly: TablePattern = {
      cells: t.map((r) => r.map((v) => v > 0 && v < MIN)),
      rowTotals: [false, false, false, false],
      columnTotals: [false, false, false, false],
      grandTotal: false,
    };
    expect(recoverByElimination(grid(t), primaryOnly)).toEqual([]);
    expect(recoverByLinearAlgebra(grid(t), primaryOnly)).toEqual([[0, 2]]);

    const p = suppressTable(t, MIN);
    expect(p.cells).toEqual([
      [true, true, true, false],
      [true, true, false, false],
      [false, false, true, true],
      [true, false, true, true],
    ]);
    expect([...p.rowTotals, ...p.columnTotals, p.grandTotal].some(Boolean)).toBe(false);
    expect(recoverByLinearAlgebra(grid(t), p)).toEqual([]);
  });

  it('publishes the table under the pattern', () => {
    const values = [
      [20, 3, 15],
      [10, 12, 8],
    ];
    const out = applyTablePattern(values, suppressTable(values, MIN));
    expect(out.cells.map((r) => r.map((c) => c.value))).toEqual([
      [20, null, null],
      [10, null, null],
    ]);
    expect(out.rowTotals.map((c) => c.value)).toEqual([38, 30]);
    expect(out.columnTotals.map((c) => c.value)).toEqual([30, 15, 23]);
    expect(out.grandTotal).toEqual({ value: 68, suppressed: false });
  });

  it('rejects negative or fractional counts and ragged rows', () => {
    expect(() => suppressTable([[1, -1]], MIN)).toThrow(RangeError);
    expect(() => suppressTable([[1.5]], MIN)).toThrow(RangeError);
    expect(() => suppressTable([[1, 2], [3]], MIN)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// The attacker. The published table is the (R+1) × (C+1) grid of cells and margins; every grid
// row and grid column says "the first entries add up to the last one".

/** Augmented grid: cells, row totals in the last column, column totals in the last row. */
function grid(values: number[][]): number[][] {
  const C = values[0]?.length ?? 0;
  const rows = values.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: C + 1 }, (_, j) => rows.reduce((a, r) => a + (r[j] ?? 0), 0));
  return [...rows, totals];
}

function hiddenGrid(p: TablePattern): boolean[][] {
  return [...p.cells.map((r, i) => [...r, p.rowTotals[i] ?? false]), [...p.columnTotals, p.grandTotal]];
}

/** Lines of the grid as lists of [i, j, sign]: Σ sign · x = 0. */
function constraints(R: number, C: number): [number, number, number][][] {
  const lines: [number, number, number][][] = [];
  for (let i = 0; i <= R; i++) lines.push(Array.from({ length: C + 1 }, (_, j) => [i, j, j === C ? -1 : 1] as [number, number, number]));
  for (let j = 0; j <= C; j++) lines.push(Array.from({ length: R + 1 }, (_, i) => [i, j, i === R ? -1 : 1] as [number, number, number]));
  return lines;
}

/** The attacker of the brief: any line with exactly one unknown left gives it away; repeat to a fixed point. */
function recoverByElimination(g: number[][], p: TablePattern): [number, number][] {
  const R = g.length - 1;
  const C = (g[0]?.length ?? 1) - 1;
  const known = hiddenGrid(p).map((r) => r.map((h) => !h));
  const value = g.map((r) => [...r]);
  const recovered: [number, number][] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const line of constraints(R, C)) {
      const unknown = line.filter(([i, j]) => !known[i]?.[j]);
      const only = unknown[0];
      if (unknown.length !== 1 || !only) continue;
      const [ui, uj, us] = only;
      const rest = line.filter(([i, j]) => !(i === ui && j === uj)).reduce((a, [i, j, s]) => a + s * (value[i]?.[j] ?? 0), 0);
      const solved = -rest / us;
      expect(solved).toBe(g[ui]?.[uj]); // the attacker is right whenever it claims a value
      const row = known[ui];
      if (row) row[uj] = true;
      recovered.push([ui, uj]);
      progress = true;
    }
  }
  return recovered;
}

/**
 * A stronger attacker: Gaussian elimination over all line equations at once. A hidden entry is
 * determined iff some combination of equations involves it alone.
 */
function recoverByLinearAlgebra(g: number[][], p: TablePattern): [number, number][] {
  const R = g.length - 1;
  const C = (g[0]?.length ?? 1) - 1;
  const hidden = hiddenGrid(p);
  const unknowns: [number, number][] = [];
  hidden.forEach((r, i) => r.forEach((h, j) => h && unknowns.push([i, j])));
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const m: number[][] = constraints(R, C).map((line) => {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    for (const [i, j, s] of line) {
      const k = index.get(`${i},${j}`);
      if (k === undefined) row[unknowns.length] = (row[unknowns.length] ?? 0) - s * (g[i]?.[j] ?? 0);
      else row[k] = s;
    }
    return row;
  });
  // Reduced row echelon form.
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && pivotRow < m.length; col++) {
    const sel = m.findIndex((r, k) => k >= pivotRow && Math.abs(r[col] ?? 0) > 1e-9);
    if (sel < 0) continue;
    const tmp = m[sel] as number[];
    m[sel] = m[pivotRow] as number[];
    m[pivotRow] = tmp;
    const pr = m[pivotRow] as number[];
    const pv = pr[col] ?? 1;
    for (let c = 0; c < pr.length; c++) pr[c] = (pr[c] ?? 0) / pv;
    m.forEach((r, k) => {
      if (k === pivotRow) return;
      const f = r[col] ?? 0;
      if (Math.abs(f) > 1e-12) for (let c = 0; c < r.length; c++) r[c] = (r[c] ?? 0) - f * (pr[c] ?? 0);
    });
    pivots.push(col);
    pivotRow++;
  }
  const recovered: [number, number][] = [];
  pivots.forEach((col, k) => {
    const r = m[k] as number[];
    const alone = r.slice(0, unknowns.length).every((v, c) => c === col || Math.abs(v) < 1e-9);
    const cell = unknowns[col];
    if (alone && cell) {
      expect(Math.round(r[unknowns.length] ?? NaN)).toBe(g[cell[0]]?.[cell[1]]);
      recovered.push(cell);
    }
  });
  return recovered;
}


function randomTable(rand: () => number): number[][] {
  const R = 1 + Math.floor(rand() * 6);
  const C = 1 + Math.floor(rand() * 6);
  const pZero = rand() * 0.3;
  const pSmall = rand() * 0.4;
  return Array.from({ length: R }, () =>
    Array.from({ length: C }, () => {
      const u = rand();
      if (u < pZero) return 0;
      if (u < pZero + pSmall) return 1 + Math.floor(rand() * (MIN - 1));
      return MIN + Math.floor(rand() * 60);
    }),
  );
}

describe('suppressTable against an attacker (400 seeded random tables)', () => {
  const rand = prng(20261124);
  const tables = Array.from({ length: 400 }, () => randomTable(rand));

  it('the attacker works: with primary suppression only, it recovers cells in many tables', () => {
    let leaky = 0;
    for (const t of tables) {
      const g = grid(t);
      const primary: boolean[][] = g.map((r) => r.map((v) => v > 0 && v < MIN));
      const R = t.length;
      const C = t[0]?.length ?? 0;
      const p: TablePattern = {
        cells: primary.slice(0, R).map((r) => r.slice(0, C)),
        rowTotals: primary.slice(0, R).map((r) => r[C] === true),
        columnTotals: (primary[R] ?? []).slice(0, C),
        grandTotal: primary[R]?.[C] === true,
      };
      if (recoverByElimination(g, p).length > 0) leaky++;
    }
    expect(leaky).toBeGreaterThan(100);
  });

  it('recovers no suppressed cell or margin, by elimination or by full linear algebra', () => {
    let suppressedSeen = 0;
    for (const t of tables) {
      const g = grid(t);
      const p = suppressTable(t, MIN);
      suppressedSeen += hiddenGrid(p).flat().filter(Boolean).length;
      expect({ table: t, recovered: recoverByElimination(g, p) }).toEqual({ table: t, recovered: [] });
      expect({ table: t, recovered: recoverByLinearAlgebra(g, p) }).toEqual({ table: t, recovered: [] });
    }
    expect(suppressedSeen).toBeGreaterThan(1000);
  });

  it('hides every small count and never hides a zero', () => {
    for (const t of tables) {
      const g = grid(t);
      const h = hiddenGrid(suppressTable(t, MIN));
      g.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v > 0 && v < MIN) expect(h[i]?.[j]).toBe(true);
          if (v === 0) expect(h[i]?.[j]).toBe(false);
        }),
      );
    }
  });

  it('suppresses nothing unnecessarily: nothing without a small count, and every hidden group reaches a small count', () => {
    for (const t of tables) {
      const g = grid(t);
      const h = hiddenGrid(suppressTable(t, MIN));
      const small = (i: number, j: number) => {
        const v = g[i]?.[j] ?? 0;
        return v > 0 && v < MIN;
      };
      if (!g.flat().some((v) => v > 0 && v < MIN)) expect(h.flat().some(Boolean)).toBe(false);
      // Connected components of hidden entries (linked through shared grid rows or columns) each
      // contain a primary (small) entry: complementary suppression only ever protects a small count.
      const R = g.length;
      const C = g[0]?.length ?? 0;
      const seen = new Set<string>();
      for (let i = 0; i < R; i++)
        for (let j = 0; j < C; j++) {
          if (!h[i]?.[j] || seen.has(`${i},${j}`)) continue;
          const stack: [number, number][] = [[i, j]];
          seen.add(`${i},${j}`);
          let hasSmall = false;
          for (let e = stack.pop(); e; e = stack.pop()) {
            const [a, b] = e;
            if (small(a, b)) hasSmall = true;
            for (let x = 0; x < R; x++)
              for (let y = 0; y < C; y++)
                if ((x === a || y === b) && h[x]?.[y] && !seen.has(`${x},${y}`)) {
                  seen.add(`${x},${y}`);
                  stack.push([x, y]);
                }
          }
          expect({ table: t, cell: [i, j], hasSmall }).toEqual({ table: t, cell: [i, j], hasSmall: true });
        }
      // A row and a column both free of hidden entries stay free: a cell ≥ MIN whose row and column
      // hold no small count is hidden only as part of a chain that reaches one (checked above).
    }
  });
});

describe('suppressColumnWithTotal against the same attacker (300 seeded random columns)', () => {
  it('never leaves exactly one unknown in the column-plus-total equation', () => {
    const rand = prng(7);
    for (let n = 0; n < 300; n++) {
      const column = randomTable(rand).map((r) => r[0] ?? 0);
      const { cells, total } = suppressColumnWithTotal(column, MIN);
      const unknown = cells.filter((c) => c.suppressed).length + (total.suppressed ? 1 : 0);
      expect({ column, unknown: unknown === 1 }).toEqual({ column, unknown: false });
      column.forEach((v, i) => {
        if (v > 0 && v < MIN) expect(cells[i]?.suppressed).toBe(true);
      });
    }
  });
});
