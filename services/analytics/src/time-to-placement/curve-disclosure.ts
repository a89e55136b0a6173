import type { Cell } from '../kpis/disclosure';
import type { KmResult } from '../kpis/kaplan-meier';

/** One point of a published Kaplan–Meier curve: S(t) with its 95% log-log band. */
export interface CurvePoint {
  t: number;
  survival: number;
  low: number | null;
  high: number | null;
}

export interface PublishedCurve {
  /** true when the whole curve is withheld (its cohort count is suppressed). */
  suppressed: boolean;
  /** null when withheld. Starts at (0, 1). */
  points: CurvePoint[] | null;
  /** Last time shown when the tail was cut for disclosure; null when the whole curve is shown. */
  truncatedAt: number | null;
  atRisk: { t: number; count: Cell }[];
  median: { t: number | null; low: number | null; high: number | null };
}

export interface CurveDisclosure {
  /** site_staff reading their own sites: everything as estimated. */
  open: boolean;
  /** The group's cohort count cell is suppressed in the plan: nothing of the curve is shown. */
  withheld: boolean;
  minCell: number;
  /**
   * Numbers at risk at the fixed times, as cells of the disclosure plan (measures `atRisk`), so
   * that a group's hidden number cannot be worked out from the total and the other groups.
   */
  atRisk: readonly { t: number; count: Cell }[];
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const hidden: Cell = { value: null, suppressed: true };

/**
 * What a reader may see of a Kaplan–Meier estimate.
 *
 * Each step of a curve is a number of events over a number at risk; where few people are still at
 * risk, the size of a drop and its time reveal an individual (with 3 at risk, a drop from 0.40
 * to 0.27 says one of those three was placed on that very day). So, for roles other than
 * site_staff, the curve stops at the last time at which at least minCell people are at risk, and
 * before the first fixed time whose number at risk the plan hides (a hidden number must not be
 * readable from the curve either); numbers at risk are cells of the plan; the median (and its
 * limits) are shown only when read from the part of the curve that is shown. A curve whose cohort
 * count is itself suppressed is withheld entirely: its number at risk at 0 is that count.
 */
export function publishCurve(km: KmResult, d: CurveDisclosure): PublishedCurve {
  if (d.withheld && !d.open) {
    return { suppressed: true, points: null, truncatedAt: null, atRisk: d.atRisk.map((r) => ({ t: r.t, count: hidden })), median: { t: null, low: null, high: null } };
  }
  const firstHidden = d.open ? undefined : d.atRisk.find((r) => r.t > 0 && r.count.suppressed)?.t;
  // atRisk never increases with t, so the steps shown are a prefix of the curve.
  const kept = d.open ? km.steps : km.steps.filter((s) => s.atRisk >= d.minCell && (firstHidden === undefined || s.t < firstHidden));
  const truncatedAt = kept.length < km.steps.length ? (kept[kept.length - 1]?.t ?? 0) : null;
  const points: CurvePoint[] = kept.map((s) => ({ t: s.t, survival: round4(s.survival) ?? 0, low: round4(s.low), high: round4(s.high) }));
  if (points[0]?.t !== 0) points.unshift({ t: 0, survival: 1, low: 1, high: 1 });
  const shown = (t: number | null) => (t !== null && (truncatedAt === null || t <= truncatedAt) ? t : null);
  return {
    suppressed: false,
    points,
    truncatedAt,
    atRisk: d.atRisk.map((r) => ({ t: r.t, count: r.count })),
    median: { t: shown(km.median.t), low: shown(km.median.low), high: shown(km.median.high) },
  };
}

/**
 * The median days to placement a reader may see wherever it is shown (overview, indicators,
 * cohorts): the one the published curve shows, so no view reveals a median read where few people
 * are still at risk, or of a cohort whose count is hidden.
 */
export function publishedMedian(km: KmResult, d: Omit<CurveDisclosure, 'atRisk'>): number | null {
  return publishCurve(km, { ...d, atRisk: [] }).median.t;
}
