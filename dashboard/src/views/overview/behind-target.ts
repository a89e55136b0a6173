// Which site is furthest behind its placement target: the question a consortium lead opens the
// dashboard with. Pure, so that the answer the page gives is the one its test computes.
import type { OverviewGroup } from '../../api/types';

export interface BehindTarget {
  key: string;
  label: string;
  placed: number;
  target: number;
  /** Placed as a share of the placement target, in percent. */
  progressPct: number;
  /** How many groups had a target and a shown count to compare. */
  compared: number;
  /** Groups with a placement target but nobody enrolled yet (a site just added): not ranked, named. */
  notStarted: { key: string; label: string }[];
}

/**
 * The group with the lowest placed/target among those with a placement target and a shown
 * placed count (a suppressed count cannot be ranked). Ties go to the larger shortfall. A group
 * with nobody enrolled yet is not ranked: a site added from its file this morning has placed
 * nobody, and naming it would hide the site that is really falling behind.
 */
export function furthestBehind(groups: readonly OverviewGroup[]): BehindTarget | null {
  const withTarget = groups.filter((g) => g.targets.placed !== null && g.targets.placed > 0);
  const notStarted = withTarget.filter((g) => !g.enrolled.suppressed && g.enrolled.value === 0);
  const ranked = withTarget
    .filter((g) => !notStarted.includes(g) && !g.placed.suppressed && g.placed.value !== null)
    .map((g) => {
      const placed = g.placed.value ?? 0;
      const target = g.targets.placed ?? 0;
      return { key: g.key, label: g.label, placed, target, progressPct: (placed / target) * 100 };
    })
    .sort((a, b) => a.progressPct - b.progressPct || b.target - b.placed - (a.target - a.placed));
  const first = ranked[0];
  return first ? { ...first, compared: ranked.length, notStarted: notStarted.map(({ key, label }) => ({ key, label })) } : null;
}
