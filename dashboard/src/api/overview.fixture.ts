// Test data for the specs: overview responses built from a few numbers, typed by the contract.
import type { Count, DisclosureNote, OverviewFigures, OverviewGroup, OverviewResponse, Rate } from './types';

export const count = (value: number | null): Count => (value === null ? { value: null, suppressed: true } : { value, suppressed: false });

export const rate = (numerator: number | null, denominator: number | null, low: number | null = null, high: number | null = null): Rate =>
  numerator === null || denominator === null
    ? { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true }
    : { value: (numerator / denominator) * 100, low, high, numerator, denominator, suppressed: false };

interface GroupSpec {
  key: string;
  label?: string;
  country?: string | null;
  programme?: string | null;
  enrolled: number | null;
  placed: number | null;
  women?: number | null;
  targets?: { enrolled: number | null; placed: number | null; womenSharePct?: number | null };
  /** The last day placements are all counted up to (default: the evaluation date of the fixture). */
  placedThrough?: string;
}

/** The fixture's evaluation date, as a protected reader's disclosure note gives it. */
export const FIXTURE_AS_OF = '2026-10-31';

/** A protected reader's disclosure note (cell-key, minCell 5), as every KPI response carries one. */
export const DISCLOSURE: DisclosureNote = { method: 'cell-key', asOf: FIXTURE_AS_OF, minCell: 5, maxPerturbation: 4, releaseBlock: 10, minAtRisk: 10 };

export function figures(spec: Omit<GroupSpec, 'key'>): OverviewFigures {
  const t = spec.targets ?? { enrolled: null, placed: null };
  const pct = (v: number | null, target: number | null) => (v === null || target === null ? null : (v / target) * 100);
  return {
    enrolled: count(spec.enrolled),
    women: count(spec.women === undefined ? (spec.enrolled === null ? null : Math.round(spec.enrolled * 0.4)) : spec.women),
    trained: count(spec.enrolled === null ? null : Math.round(spec.enrolled * 0.7)),
    internshipsStarted: count(spec.enrolled === null ? null : Math.round(spec.enrolled * 0.45)),
    placed: count(spec.placed),
    dropouts: count(spec.enrolled === null ? null : Math.round(spec.enrolled * 0.08)),
    placementRatePct: rate(spec.placed, spec.enrolled, 30, 52),
    medianDaysToPlacement: spec.placed === null ? null : 180,
    targets: { enrolled: t.enrolled, placed: t.placed, womenSharePct: t.womenSharePct ?? null },
    progress: { enrolledPct: pct(spec.enrolled, t.enrolled), placedPct: pct(spec.placed, t.placed), womenSharePct: null },
    completeThrough: { enrolled: FIXTURE_AS_OF, placed: spec.placedThrough ?? FIXTURE_AS_OF },
  };
}

export function group(spec: GroupSpec): OverviewGroup {
  return {
    key: spec.key,
    label: spec.label ?? spec.key,
    country: spec.country ?? spec.key.slice(0, 2),
    programme: spec.programme ?? 'AMIL',
    ...figures(spec),
  };
}

export function overview(groups: OverviewGroup[], groupBy: OverviewResponse['groupBy'] = 'site'): OverviewResponse {
  return {
    groupBy,
    filters: { from: null, to: null, country: null, site: null },
    minCell: 5,
    disclosure: DISCLOSURE,
    generatedAt: '2026-11-24T09:30:00Z',
    groups,
    totals: figures({ enrolled: 300, placed: 90, targets: { enrolled: 400, placed: 150 } }),
  };
}
