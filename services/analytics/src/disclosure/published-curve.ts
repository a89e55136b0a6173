import { kaplanMeier, logLogBand } from '../kpis/kaplan-meier';
import type { Cell } from '../kpis/cell';
import { KEY_RANGE, type PerturbationTable, type Tally } from './perturbation-table';

/** One person of a curve's cohort: days to placement or censoring, and their record key. */
export interface CurveSubject {
  time: number;
  event: boolean;
  key: number;
}

/** One point of a published curve: S(t) (share not yet placed) with its 95% band. */
export interface CurvePoint {
  t: number;
  survival: number;
  low: number | null;
  high: number | null;
}

export interface PublishedCurve {
  /** true when no step can be shown (fewer than the minimum at risk from the start). */
  suppressed: boolean;
  /** null when suppressed; otherwise starts at (0, 1). */
  points: CurvePoint[] | null;
  /** The last time shown when the tail was cut (too few at risk); null when the whole curve is shown. */
  truncatedAt: number | null;
  atRisk: { t: number; count: Cell }[];
  median: { t: number | null; low: number | null; high: number | null };
}

export interface CurveProtection {
  table: PerturbationTable;
  /** Width of the time buckets in days: the curve steps only at their ends. */
  bucketDays: number;
  /** The curve stops where fewer than this many people are (as published) at risk. */
  minAtRisk: number;
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** The curve as estimated (site_staff reading their own sites): every step, exact numbers at risk. */
export function exactCurve(subjects: readonly CurveSubject[], riskTimes: readonly number[]): PublishedCurve {
  const km = kaplanMeier(subjects, { riskTimes });
  const points: CurvePoint[] = km.steps.map((s) => ({ t: s.t, survival: round4(s.survival) ?? 0, low: round4(s.low), high: round4(s.high) }));
  if (points[0]?.t !== 0) points.unshift({ t: 0, survival: 1, low: 1, high: 1 });
  return {
    suppressed: false,
    points,
    truncatedAt: null,
    atRisk: km.atRisk.map((r) => ({ t: r.t, count: { value: r.atRisk, suppressed: false } })),
    median: km.median,
  };
}

/**
 * The curve a protected reader sees. Time is cut into buckets of `bucketDays`; in each, the people
 * at risk at its start and the placements in it are counted and published through the cell-key
 * method like any count (so each is the figure those very people always give), and the curve is
 * the product of (1 − placed / at risk) over buckets, stepping only at bucket ends. It stops before
 * the first bucket with fewer than `minAtRisk` at risk (the SACRO/ACRO survival rule): a step there
 * would be one or two people. The band is Greenwood's on the published counts, log-log transformed.
 */
export function protectedCurve(subjects: readonly CurveSubject[], riskTimes: readonly number[], p: CurveProtection): PublishedCurve {
  const w = p.bucketDays;
  const maxTime = subjects.reduce((m, s) => Math.max(m, s.time), 0);
  const buckets = Math.floor(maxTime / w) + 1;
  // Tallies (count, record-key sum mod 2^32) of the people leaving in each bucket and of the
  // placements in it; those at risk at a bucket's start are everyone leaving in it or later.
  const leaving = Array.from({ length: buckets }, () => ({ n: 0, key: 0 }));
  const events = Array.from({ length: buckets }, () => ({ n: 0, key: 0 }));
  const add = (t: Tally, key: number) => {
    t.n += 1;
    t.key = (t.key + key) % KEY_RANGE;
  };
  for (const s of subjects) {
    const b = Math.floor(s.time / w);
    add(leaving[b] as Tally, s.key);
    if (s.event) add(events[b] as Tally, s.key);
  }
  const atRisk: Tally[] = new Array<Tally>(buckets + 1);
  atRisk[buckets] = { n: 0, key: 0 };
  for (let j = buckets - 1; j >= 0; j--) {
    const next = atRisk[j + 1] as Tally;
    const here = leaving[j] as Tally;
    atRisk[j] = { n: next.n + here.n, key: (next.key + here.key) % KEY_RANGE };
  }
  const published = (t: Tally) => p.table.publish(t.n, t.key);
  const atRiskAt = (t: number): Cell => {
    const j = t / w;
    const r = Number.isInteger(j) ? (atRisk[j] ?? atRisk[buckets]) : undefined;
    return { value: r ? published(r) : 0, suppressed: false };
  };
  const risk = riskTimes.map((t) => ({ t, count: atRiskAt(t) }));

  const points: CurvePoint[] = [{ t: 0, survival: 1, low: 1, high: 1 }];
  let survival = 1;
  let greenwood = 0;
  let shownUntil: number | null = null;
  for (let j = 0; j < buckets; j++) {
    const n = published(atRisk[j] as Tally);
    if (n < p.minAtRisk) break;
    const d = Math.min(n, published(events[j] as Tally));
    if (d > 0) {
      survival *= (n - d) / n;
      greenwood = n > d ? greenwood + d / (n * (n - d)) : Infinity;
      const band = logLogBand(survival, greenwood);
      points.push({ t: (j + 1) * w, survival: round4(survival) ?? 0, low: round4(band.low), high: round4(band.high) });
    }
    shownUntil = (j + 1) * w;
  }
  if (shownUntil === null) {
    return { suppressed: true, points: null, truncatedAt: null, atRisk: risk, median: { t: null, low: null, high: null } };
  }
  const complete = shownUntil >= buckets * w;
  // A band is undefined only where S = 0, which is below one half too.
  const reached = (v: number | null, pt: CurvePoint) => (v === null ? pt.survival === 0 : v <= 0.5);
  const first = (pick: (pt: CurvePoint) => number | null) => points.find((pt) => reached(pick(pt), pt))?.t ?? null;
  return {
    suppressed: false,
    points,
    truncatedAt: complete ? null : shownUntil,
    atRisk: risk,
    median: { t: first((pt) => pt.survival), low: first((pt) => pt.low), high: first((pt) => pt.high) },
  };
}
