/** 95% Wilson score interval for k successes out of n, in percent. Null when n is 0. */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): { value: number; low: number; high: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return { value: pct(p), low: pct(Math.max(0, centre - half)), high: pct(Math.min(1, centre + half)) };
}

/** A count as published: the value, or null when disclosure control suppressed it. */
export interface CountCell {
  value: number | null;
  suppressed: boolean;
}

export interface RateWithInterval {
  /** Percent, one decimal; null when suppressed or when the denominator is 0. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** The observed numerator and denominator, reported beside every rate (kpis.md); null when suppressed. */
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

/**
 * numerator / denominator in percent with its 95% Wilson interval. Suppressed as a whole (every
 * figure null) when either count is withheld. A zero denominator gives no rate but shows the
 * counts. Protected counts are perturbed independently, so a published numerator can exceed its
 * denominator by a few: the rate is then 100 %, the counts are shown as published.
 */
export function rateWithInterval(numerator: CountCell, denominator: CountCell, z?: number): RateWithInterval {
  if (numerator.suppressed || denominator.suppressed || numerator.value === null || denominator.value === null) {
    return { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };
  }
  const interval = wilsonInterval(Math.min(numerator.value, denominator.value), denominator.value, z);
  return {
    value: interval?.value ?? null,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    numerator: numerator.value,
    denominator: denominator.value,
    suppressed: false,
  };
}
