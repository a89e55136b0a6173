export interface Cell {
  value: number | null;
  suppressed: boolean;
}

const isSmall = (v: number, minCell: number) => v > 0 && v < minCell;

/**
 * Primary suppression: counts from 1 to minCell-1 are hidden. Complementary suppression: in a
 * column of sibling cells that adds up to a published total, a single hidden cell could be
 * recovered by subtraction, so the next-smallest non-zero sibling is hidden too (kpis.md).
 * Zero is published: it discloses no one.
 *
 * The total itself is suppressed by the caller (`suppressColumn([total], minCell)[0]`): it is
 * small only when every non-zero cell is small and hence already hidden, so the pattern equals
 * that of {@link suppressColumnWithTotal}.
 */
export function suppressColumn(values: readonly number[], minCell: number): Cell[] {
  const sum = values.reduce((a, b) => a + b, 0);
  // With a single value the "total" is the value itself: no sibling to protect it with.
  if (values.length <= 1) return values.map((v) => (isSmall(v, minCell) ? { value: null, suppressed: true } : { value: v, suppressed: false }));
  return suppressColumnWithTotal(values, minCell, sum).cells;
}

/**
 * One-dimensional column with a published total (default: the sum of the cells). The total is a
 * member of the same linear constraint, so it is suppressed when small, and it counts towards the
 * "exactly one hidden" test. Returns the cells and the total, each published or suppressed.
 */
export function suppressColumnWithTotal(values: readonly number[], minCell: number, total = values.reduce((a, b) => a + b, 0)): { cells: Cell[]; total: Cell } {
  const line = [...values, total];
  const hidden = line.map((v) => isSmall(v, minCell));
  if (hidden.filter(Boolean).length === 1) {
    // The next-smallest non-zero sibling, cells before the total at equal value.
    let pick = -1;
    line.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (pick < 0 || v < (line[pick] ?? Infinity))) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
  }
  const cell = (v: number, h: boolean | undefined): Cell => (h ? { value: null, suppressed: true } : { value: v, suppressed: false });
  return { cells: values.map((v, i) => cell(v, hidden[i])), total: cell(total, hidden[values.length]) };
}

export function unsuppressed(values: readonly number[]): Cell[] {
  return values.map((v) => ({ value: v, suppressed: false }));
}

/** Suppression pattern of a two-way table with its margins. true = suppressed. */
export interface TablePattern {
  /** rows × columns */
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

/**
 * Disclosure control for a two-way table (e.g. groups × categories) published with its row totals,
 * column totals and grand total. Non-negative integer counts, rows of equal length.
 *
 * The table with its margins is an (R+1) × (C+1) grid in which every row and every column is one
 * linear constraint (cells sum to the margin; the margins sum to the grand total). A hidden entry is
 * recoverable by any linear reasoning iff, in the bipartite graph whose vertices are these lines
 * and whose edges are the hidden entries, it is a bridge (lies on no cycle). So:
 *  1. primary: every entry (cells and margins) counting 1..minCell-1 is hidden;
 *  2. a line with exactly one hidden entry gets its next-smallest non-zero entry hidden too;
 *  3. when every line has 0 or ≥ 2 hidden entries but a hidden entry is still a bridge (two
 *     hidden cycles joined by one entry), the smallest entry that closes a cycle through it is
 *     hidden (non-zero preferred);
 * repeated until stable. Zeros are published and never hidden unless no non-zero entry can close
 * the cycle. Result: no hidden entry can be computed from the published ones and the sums.
 */
export function suppressTable(values: readonly (readonly number[])[], minCell: number): TablePattern {
  const R = values.length;
  const C = values[0]?.length ?? 0;
  if (values.some((row) => row.length !== C)) throw new RangeError('suppressTable: rows of unequal length');
  // Augmented grid g[i][j], i ∈ 0..R, j ∈ 0..C; row R holds column totals, column C row totals.
  const g: number[][] = [];
  for (let i = 0; i <= R; i++) g.push(new Array<number>(C + 1).fill(0));
  const at = (i: number, j: number) => g[i]?.[j] ?? 0;
  const put = (i: number, j: number, v: number) => {
    const row = g[i];
    if (row) row[j] = v;
  };
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`suppressTable: counts must be non-negative integers, got ${v}`);
      put(i, j, v);
      put(i, C, at(i, C) + v);
      put(R, j, at(R, j) + v);
      put(R, C, at(R, C) + v);
    }),
  );
  const hidden: boolean[][] = g.map((row) => row.map((v) => isSmall(v, minCell)));
  const isHidden = (i: number, j: number) => hidden[i]?.[j] === true;
  const hide = (i: number, j: number) => {
    const row = hidden[i];
    if (row) row[j] = true;
  };

  // Entries of line k: k < R+1 is grid row k, otherwise grid column k − (R+1).
  const lineEntries = (k: number): [number, number][] => {
    const out: [number, number][] = [];
    if (k <= R) for (let j = 0; j <= C; j++) out.push([k, j]);
    else for (let i = 0; i <= R; i++) out.push([i, k - R - 1]);
    return out;
  };
  const lines = R + 1 + (C + 1);

  if (R > 0 && C > 0) {
    for (;;) {
      let changed = false;
      for (let k = 0; k < lines; k++) {
        const entries = lineEntries(k);
        if (entries.filter(([i, j]) => isHidden(i, j)).length !== 1) continue;
        const pick = smallest(entries.filter(([i, j]) => !isHidden(i, j) && at(i, j) > 0), at);
        if (pick) {
          hide(pick[0], pick[1]);
          changed = true;
        }
      }
      if (changed) continue;
      const bridge = findBridge(hidden, R, C);
      if (!bridge) break;
      // Removing the bridge (r, c) splits its component: rows reachable from column c and columns
      // reachable from row r. Hiding an entry (row from c's side, column from r's side) closes a cycle.
      const [r, c] = bridge;
      const without = hidden.map((row) => [...row]);
      const wr = without[r];
      if (wr) wr[c] = false;
      const side = reach(without, R, C, { row: -1, col: c });
      const other = reach(without, R, C, { row: r, col: -1 });
      const candidates: [number, number][] = [];
      for (const i of side.rows) for (const j of other.cols) if (!isHidden(i, j)) candidates.push([i, j]);
      const pick = smallest(candidates.filter(([i, j]) => at(i, j) > 0), at) ?? smallest(candidates, at);
      if (!pick) break; // cannot happen once every line has 0 or ≥ 2 hidden entries
      hide(pick[0], pick[1]);
    }
  }

  return {
    cells: hidden.slice(0, R).map((row) => row.slice(0, C)),
    rowTotals: hidden.slice(0, R).map((row) => row[C] === true),
    columnTotals: (hidden[R] ?? []).slice(0, C),
    grandTotal: isHidden(R, C),
  };
}

/** Publishes a two-way table under a pattern from {@link suppressTable}. */
export function applyTablePattern(values: readonly (readonly number[])[], pattern: TablePattern): { cells: Cell[][]; rowTotals: Cell[]; columnTotals: Cell[]; grandTotal: Cell } {
  const cell = (v: number, h: boolean | undefined): Cell => (h ? { value: null, suppressed: true } : { value: v, suppressed: false });
  const C = values[0]?.length ?? 0;
  const colSums = Array.from({ length: C }, (_, j) => values.reduce((a, row) => a + (row[j] ?? 0), 0));
  const rowSums = values.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    cells: values.map((row, i) => row.map((v, j) => cell(v, pattern.cells[i]?.[j]))),
    rowTotals: rowSums.map((v, i) => cell(v, pattern.rowTotals[i])),
    columnTotals: colSums.map((v, j) => cell(v, pattern.columnTotals[j])),
    grandTotal: cell(
      rowSums.reduce((a, b) => a + b, 0),
      pattern.grandTotal,
    ),
  };
}

function smallest(entries: [number, number][], at: (i: number, j: number) => number): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const e of entries) if (!best || at(e[0], e[1]) < at(best[0], best[1])) best = e;
  return best;
}

/** Rows and columns of the grid connected to a start row or column through hidden entries. */
function reach(hidden: boolean[][], R: number, C: number, start: { row: number; col: number }): { rows: Set<number>; cols: Set<number> } {
  const rows = new Set<number>();
  const cols = new Set<number>();
  const queue: { row: number; col: number }[] = [start];
  if (start.row >= 0) rows.add(start.row);
  else cols.add(start.col);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.row >= 0) {
      for (let j = 0; j <= C; j++)
        if (hidden[item.row]?.[j] && !cols.has(j)) {
          cols.add(j);
          queue.push({ row: -1, col: j });
        }
    } else {
      for (let i = 0; i <= R; i++)
        if (hidden[i]?.[item.col] && !rows.has(i)) {
          rows.add(i);
          queue.push({ row: i, col: -1 });
        }
    }
  }
  return { rows, cols };
}

/** A hidden entry that lies on no cycle of hidden entries (hence is linearly recoverable), if any. */
function findBridge(hidden: boolean[][], R: number, C: number): [number, number] | undefined {
  for (let i = 0; i <= R; i++)
    for (let j = 0; j <= C; j++) {
      if (!hidden[i]?.[j]) continue;
      const without = hidden.map((row) => [...row]);
      const w = without[i];
      if (w) w[j] = false;
      if (!reach(without, R, C, { row: i, col: -1 }).cols.has(j)) return [i, j];
    }
  return undefined;
}
