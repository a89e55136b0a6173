import type { Cell } from '../kpis/cell';

/**
 * Active cluster members per 100 participants enrolled (kpis.md "Cluster intensity against
 * outcomes"), one decimal. Null when either count is hidden or nobody enrolled.
 */
export function perHundred(active: Cell, enrolled: Cell): number | null {
  if (active.suppressed || enrolled.suppressed || active.value === null || enrolled.value === null || enrolled.value === 0) return null;
  return Math.round((active.value / enrolled.value) * 1000) / 10;
}
