/**
 * The perturbation table of the cell-key method (docs/adr/0012): for every true count n, the
 * published values it may become and their probabilities. A cell's key, a number in [0, 1) that
 * depends only on the people in the cell, picks one of them, so the same people always give the
 * same published figure.
 *
 * Built like the maximum-entropy tables of Destatis' `ptable` (Giessing 2016): among all
 * distributions over n − D … n + D that never publish a value from 1 to `minCell − 1` and never a
 * negative one, the one of largest entropy with mean n (unbiased) and variance V. Where those two
 * constraints cannot both hold (small n: a true 1 can only become 0 or minCell), the variance is
 * dropped and only the mean kept; where even the mean cannot hold (n = minCell: nothing below it
 * may be published and 0 is more than D away), the value closest to n is taken. Zero stays zero.
 */
export interface PerturbationParams {
  /** D: no published count differs from the true one by more than this. */
  maxPerturbation: number;
  /** V: the variance of the perturbation of counts large enough for it to be symmetric. */
  variance: number;
  /** Published counts are 0 or at least this (MEIC_MIN_CELL). */
  minCell: number;
}

export interface PerturbationRow {
  /** The true count. */
  count: number;
  /** Published values it may become, ascending. */
  targets: number[];
  probabilities: number[];
  /** Running sums of `probabilities`; the last is 1. */
  cumulative: number[];
}

/** Record and cell keys are whole numbers in [0, KEY_RANGE). */
export const KEY_RANGE = 2 ** 32;

/** A set of people as the method sees it: how many, and the sum of their record keys modulo 2^32 (its cell key). */
export interface Tally {
  n: number;
  key: number;
}

/** The tally of two disjoint sets of people. */
export const addTallies = (a: Tally, b: Tally): Tally => ({ n: a.n + b.n, key: (a.key + b.key) % KEY_RANGE });

export class PerturbationTable {
  private constructor(
    readonly params: PerturbationParams,
    /** Rows for n = 0 … last; beyond, every row is the last one shifted. */
    readonly rows: readonly PerturbationRow[],
  ) {}

  static build(params: PerturbationParams): PerturbationTable {
    const { maxPerturbation: d, variance: v, minCell } = params;
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`maximum perturbation must be a whole number ≥ 1, got ${d}`);
    if (!Number.isInteger(minCell) || minCell < 1) throw new RangeError(`minCell must be a whole number ≥ 1, got ${minCell}`);
    if (!(v > 0) || v >= d * d) throw new RangeError(`variance must be above 0 and below D² = ${d * d}, got ${v}`);
    // From n = minCell + D on, every value n − D … n + D may be published: the rows repeat.
    const last = minCell + d;
    const rows: PerturbationRow[] = [];
    for (let n = 0; n <= last; n++) rows.push(row(n, d, v, minCell));
    return new PerturbationTable(params, rows);
  }

  /** The row of true count n (shifted from the last one for large n). */
  row(n: number): PerturbationRow {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${n}`);
    const last = this.rows.length - 1;
    const base = this.rows[Math.min(n, last)] as PerturbationRow;
    if (n <= last) return base;
    const shift = n - last;
    return { ...base, count: n, targets: base.targets.map((t) => t + shift) };
  }

  /** What a count with this cell key (a whole number in [0, 2^32)) is published as. */
  publish(n: number, cellKey: number): number {
    const r = this.row(n);
    const u = cellKey / KEY_RANGE;
    const i = r.cumulative.findIndex((c) => u < c);
    return r.targets[i < 0 ? r.targets.length - 1 : i] as number;
  }

  /** Every true count that may be published as `value` (what an attacker can narrow a cell to). */
  preimage(value: number): number[] {
    const out: number[] = [];
    for (let n = Math.max(0, value - this.params.maxPerturbation); n <= value + this.params.maxPerturbation; n++) {
      const r = this.row(n);
      const i = r.targets.indexOf(value);
      if (i >= 0 && (r.probabilities[i] ?? 0) > 0) out.push(n);
    }
    return out;
  }
}

function row(n: number, d: number, v: number, minCell: number): PerturbationRow {
  const targets: number[] = [];
  for (let t = Math.max(0, n - d); t <= n + d; t++) if (t === 0 || t >= minCell) targets.push(t);
  // Zero stays zero: nobody is there, and a count of nobody discloses no one.
  const e = n === 0 ? [0] : targets.map((t) => t - n);
  const p = e.length === 1 ? [1] : (maxEntropy(e, v) ?? meanOnly(e, v));
  const cumulative: number[] = [];
  let acc = 0;
  for (const x of p) cumulative.push((acc += x));
  cumulative[cumulative.length - 1] = 1;
  return { count: n, targets: n === 0 ? [0] : targets, probabilities: p, cumulative };
}

/** Probabilities ∝ exp(a·e + b·e²) over the perturbations e with mean 0 and variance v, or null when none exists. */
function maxEntropy(e: readonly number[], v: number): number[] | null {
  let a = 0;
  let b = 0;
  const dual = (x: number, y: number) => logSumExp(e.map((ei) => x * ei + y * ei * ei)) - y * v;
  for (let iter = 0; iter < 200; iter++) {
    const p = softmax(e.map((ei) => a * ei + b * ei * ei));
    const m = [1, 2, 3, 4].map((k) => p.reduce((s, pi, i) => s + pi * (e[i] as number) ** k, 0)) as [number, number, number, number];
    const g1 = m[0];
    const g2 = m[1] - v;
    if (Math.abs(g1) < 1e-12 && Math.abs(g2) < 1e-12) return p;
    const h11 = m[1] - m[0] ** 2;
    const h12 = m[2] - m[0] * m[1];
    const h22 = m[3] - m[1] ** 2;
    const det = h11 * h22 - h12 * h12;
    if (!(det > 1e-14)) return null;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let step = 1;
    const before = dual(a, b);
    while (step > 1e-10 && dual(a - step * da, b - step * db) > before + 1e-15) step /= 2;
    a -= step * da;
    b -= step * db;
    // Multipliers running off mean the constraints are out of reach.
    if (Math.abs(a) > 60 || Math.abs(b) > 60) return null;
  }
  return null;
}

/** Largest entropy around a normal shape of variance v with mean 0 only; the nearest value when even that is impossible. */
function meanOnly(e: readonly number[], v: number): number[] {
  const shape = e.map((ei) => -(ei * ei) / (2 * v));
  const mean = (a: number) => softmax(shape.map((s, i) => s + a * (e[i] as number))).reduce((s, pi, i) => s + pi * (e[i] as number), 0);
  if (e.every((ei) => ei > 0) || e.every((ei) => ei < 0)) {
    const nearest = e.reduce((best, ei, i) => (Math.abs(ei) < Math.abs(e[best] as number) ? i : best), 0);
    return e.map((_, i) => (i === nearest ? 1 : 0));
  }
  // mean(a) increases with a: bisection.
  let lo = -60;
  let hi = 60;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < 0) lo = mid;
    else hi = mid;
  }
  return softmax(shape.map((s, i) => s + ((lo + hi) / 2) * (e[i] as number)));
}

function logSumExp(xs: readonly number[]): number {
  const max = Math.max(...xs);
  return max + Math.log(xs.reduce((s, x) => s + Math.exp(x - max), 0));
}

function softmax(xs: readonly number[]): number[] {
  const max = Math.max(...xs);
  const w = xs.map((x) => Math.exp(x - max));
  const z = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / z);
}
