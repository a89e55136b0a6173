// Which site is furthest behind its placement target: the question a consortium lead opens the
// dashboard with. Pure, so that the answer the page gives is the one its test computes.
import type { OverviewGroup } from '@/api/types';

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
  /** Groups whose figures wait in release blocks (placements counted only up to long before the evaluation date, or enrolments not released yet): not ranked, named. */
  pending: { key: string; label: string; through: string | null }[];
}

/** Placements counted up to more than this many days before the evaluation date leave a group unranked. */
export const PENDING_DAYS = 90;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The group with the lowest placed/target among those with a placement target and a shown
 * placed count (a withheld count cannot be ranked). Ties go to the larger shortfall. A group
 * with nobody enrolled yet is not ranked: a site added from its file this morning has placed
 * nobody, and naming it would hide the site that is really falling behind. Nor is a group whose
 * placements wait in a release block (a small site releases them ten at a time): its count is
 * months behind the others', so its shortfall would be the release's, not the site's.
 */
export function furthestBehind(groups: readonly OverviewGroup[], asOf: string | null = null): BehindTarget | null {
  const withTarget = groups.filter((g) => g.targets.placed !== null && g.targets.placed > 0);
  const behindBy = (through: string | null) => (asOf === null || through === null ? 0 : daysBetween(through, asOf));
  // Nobody counted: a site just added, or one whose enrolments all still wait to be released.
  const nobody = withTarget.filter((g) => !g.enrolled.suppressed && g.enrolled.value === 0);
  const notStarted = nobody.filter((g) => behindBy(g.completeThrough.enrolled) === 0);
  const pending = withTarget.filter((g) => !notStarted.includes(g) && (nobody.includes(g) || behindBy(g.completeThrough.placed) > PENDING_DAYS));
  const ranked = withTarget
    .filter((g) => !notStarted.includes(g) && !pending.includes(g) && !g.placed.suppressed && g.placed.value !== null)
    .map((g) => {
      const placed = g.placed.value ?? 0;
      const target = g.targets.placed ?? 0;
      return { key: g.key, label: g.label, placed, target, progressPct: (placed / target) * 100 };
    })
    .sort((a, b) => a.progressPct - b.progressPct || b.target - b.placed - (a.target - a.placed));
  const first = ranked[0];
  return first
    ? { ...first, compared: ranked.length, notStarted: notStarted.map(({ key, label }) => ({ key, label })), pending: pending.map((g) => ({ key: g.key, label: g.label, through: g.completeThrough.placed })) }
    : null;
}
