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
