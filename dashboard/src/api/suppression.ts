// A suppressed figure never shows a number, whatever the server sent with it: the views and
// charts read `value === null` as "not shown", so every response goes through this once, on
// its way in (getAnalytics). Pure.

/** What a cell flagged `suppressed: true` may not carry: its figures, and a curve drawn from them. */
const WITHHELD = ['value', 'low', 'high', 'numerator', 'denominator', 't', 'curve'] as const;

function withhold(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withhold);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = withhold(x);
  if (out.suppressed === true) for (const k of WITHHELD) if (k in out) out[k] = null;
  return out;
}

/**
 * A copy of `body` in which every object flagged `suppressed: true` (a count, a rate, a cohort
 * median, a Kaplan–Meier curve) has its figures set to null. Every such field is nullable in
 * the generated contract, so the copy has the type of the original.
 */
export function withholdSuppressed<T>(body: T): T {
  return withhold(body) as T;
}
