/**
 * Kaplan–Meier estimate of time to placement (kpis.md, MEIC-10).
 *
 * Conventions:
 * - One subject per person: `time` = days from enrolment to the first placement (`event: true`) or to
 *   censoring (drop-out date or evaluation date, `event: false`).
 * - Ties: at a time t, events happen before censorings, so people censored at t are still at risk at t
 *   (Kaplan & Meier 1958; the convention of R `survival`, Stata `sts`, SAS `LIFETEST`).
 * - Survival S(t) is the share NOT yet placed; `placed` = 1 − S(t) is the cumulative placement probability.
 * - 95% band: log-log ("Kalbfleisch–Prentice") transform of the Greenwood variance,
 *   S^exp(±z·se), se = sqrt(Σ d/(n(n−d))) / |ln S|. It stays inside [0, 1] without clipping and covers
 *   better than the plain Greenwood band in small samples (Borgan & Liestøl 1990); it is the default of
 *   Stata and SAS. Where S = 1 the band is [1, 1]; where S = 0 it is undefined (null).
 * - Median: the first t with S(t) ≤ 0.5, null when the curve never gets there. Its 95% limits are read
 *   from the band the same way (first t with low ≤ 0.5, first t with high ≤ 0.5), as R `survfit` does.
 * - Number at risk at a chosen time x: people whose time is ≥ x (R `summary(fit, times)` convention).
 */

export interface KmSubject {
  /** Days from enrolment to placement or censoring; finite and ≥ 0. */
  time: number;
  /** true = placed at `time`; false = censored at `time` (dropped out, or still waiting at evaluation). */
  event: boolean;
}

export interface KmStep {
  t: number;
  /** People at risk just before t (time ≥ t). */
  atRisk: number;
  events: number;
  censored: number;
  /** S(t): share not yet placed, after the events at t. */
  survival: number;
  /** 1 − S(t): cumulative probability of placement by t. */
  placed: number;
  /** 95% band on S(t) (log-log); null where S(t) = 0. */
  low: number | null;
  high: number | null;
}

export interface KmMedian {
  t: number | null;
  low: number | null;
  high: number | null;
}

export interface KmResult {
  n: number;
  events: number;
  censored: number;
  /** One row per distinct time with an event or a censoring, ascending. S = 1 before the first row. */
  steps: KmStep[];
  median: KmMedian;
  /** Numbers at risk at the requested times, in the order given. */
  atRisk: { t: number; atRisk: number }[];
}

export interface KmOptions {
  /** Times at which to report the number at risk. Default 0, 30, 90, 180, 365 days. */
  riskTimes?: readonly number[];
  /** Normal quantile of the band; default 1.959963984540054 (95%). */
  z?: number;
}

export const DEFAULT_RISK_TIMES: readonly number[] = [0, 30, 90, 180, 365];

export function kaplanMeier(subjects: readonly KmSubject[], options: KmOptions = {}): KmResult {
  const z = options.z ?? 1.959963984540054;
  const riskTimes = options.riskTimes ?? DEFAULT_RISK_TIMES;
  for (const s of subjects) {
    if (!Number.isFinite(s.time) || s.time < 0) throw new RangeError(`Kaplan–Meier time must be finite and ≥ 0, got ${s.time}`);
  }

  const byTime = new Map<number, { events: number; censored: number }>();
  for (const s of subjects) {
    const row = byTime.get(s.time) ?? { events: 0, censored: 0 };
    if (s.event) row.events += 1;
    else row.censored += 1;
    byTime.set(s.time, row);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);

  const steps: KmStep[] = [];
  let atRisk = subjects.length;
  let survival = 1;
  let greenwood = 0; // Σ d / (n (n − d)), the Greenwood sum for Var(ln S)
  for (const t of times) {
    const { events, censored } = byTime.get(t) ?? { events: 0, censored: 0 };
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      greenwood = atRisk > events ? greenwood + events / (atRisk * (atRisk - events)) : Infinity;
    }
    const band = logLogBand(survival, greenwood, z);
    steps.push({ t, atRisk, events, censored, survival, placed: 1 - survival, low: band.low, high: band.high });
    atRisk -= events + censored;
  }

  const firstAtOrBelowHalf = (pick: (s: KmStep) => number | null): number | null => {
    for (const s of steps) {
      const v = pick(s);
      if (v !== null && v <= 0.5) return s.t;
      if (v === null && s.survival === 0) return s.t; // undefined band only where S = 0, i.e. ≤ 0.5
    }
    return null;
  };

  const events = subjects.filter((s) => s.event).length;
  return {
    n: subjects.length,
    events,
    censored: subjects.length - events,
    steps,
    median: { t: firstAtOrBelowHalf((s) => s.survival), low: firstAtOrBelowHalf((s) => s.low), high: firstAtOrBelowHalf((s) => s.high) },
    atRisk: riskTimes.map((t) => ({ t, atRisk: subjects.filter((s) => s.time >= t).length })),
  };
}

/** Log-log (Kalbfleisch–Prentice) band for S given the Greenwood sum Σ d/(n(n−d)). */
export function logLogBand(survival: number, greenwood: number, z = 1.959963984540054): { low: number | null; high: number | null } {
  if (survival >= 1) return { low: 1, high: 1 };
  if (survival <= 0 || !Number.isFinite(greenwood)) return { low: null, high: null };
  const logS = Math.log(survival);
  const se = Math.sqrt(greenwood) / Math.abs(logS);
  return { low: Math.pow(survival, Math.exp(z * se)), high: Math.pow(survival, Math.exp(-z * se)) };
}
