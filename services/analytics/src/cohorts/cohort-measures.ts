import { COHORT, ever, type Attribute, type Condition, type Scope, type Step } from '../kpis/measures';
import { badQuery } from '../kpi-views/bad-query.problem';
import { totalsUnit, type Level } from '../kpis/site-units';

/** One side of a comparison: who is in it. Every field narrows it; none = everyone enrolled. */
export interface CohortDef {
  site?: string;
  country?: string;
  programme?: string;
  enrolledFrom?: string;
  enrolledTo?: string;
  /** People who had this step at some time up to the evaluation date (e.g. l2Enrolled, mentored). */
  activity?: Step;
}

export type CohortName = 'a' | 'b';

/** The placement windows of MEIC-09, in months after enrolment. */
export const PLACEMENT_WINDOWS = [6, 12] as const;

/** Reads `a.site`, `a.enrolledFrom`, … (or `b.…`) from a flat query. */
export function cohortOf(query: Record<string, unknown>, name: CohortName): CohortDef {
  const get = (field: keyof CohortDef) => {
    const v = query[`${name}.${field}`];
    return typeof v === 'string' ? v : undefined;
  };
  const def: CohortDef = {};
  for (const f of ['site', 'country', 'programme', 'enrolledFrom', 'enrolledTo'] as const) {
    const v = get(f);
    if (v !== undefined) def[f] = v;
  }
  const activity = get('activity');
  if (activity !== undefined) def.activity = activity as Step;
  return def;
}

/** The enrolment dates are the cohort's period: its `enrolled` step is counted inside it. */
export function cohortScope(def: CohortDef, name: CohortName, asOf: string): Scope {
  const scope = { from: def.enrolledFrom ?? '1900-01-01', to: def.enrolledTo ?? '2299-12-31', asOf };
  if (scope.from > scope.to) throw badQuery([{ path: `/${name}.enrolledFrom`, message: `must not be after ${name}.enrolledTo (${scope.to})` }]);
  return scope;
}

/** Membership of a cohort: enrolled in its period (its scope), with its attributes and activity. */
export function cohortCondition(def: CohortDef): Condition {
  const parts: Condition[] = [COHORT];
  const attribute = (a: Attribute, v: string | undefined) => {
    if (v !== undefined) parts.push({ attribute: a, in: [v] });
  };
  attribute('site', def.site);
  attribute('country', def.country);
  attribute('programme', def.programme);
  if (def.activity) parts.push(ever(def.activity));
  return { all: parts };
}

/**
 * Who counts, whatever the place: enrolled in the cohort's period, with its activity. The place
 * (site, country, programme) is not part of the measure but the unit of the hierarchy the figures
 * are read at (cohortUnit): a cohort "site X, enrolled in 2025" is then the same people, and so the
 * same published figure, as site X's cell of "enrolled in 2025" in the overview and the funnel.
 */
export function cohortMembership(def: CohortDef): Condition {
  return def.activity ? { all: [COHORT, ever(def.activity)] } : COHORT;
}

/** The unit of the hierarchy a cohort's figures are read at. */
export function cohortUnit(def: CohortDef): { level: Level; key: string } {
  return totalsUnit(def);
}

/**
 * Every count a cohort's column shows, each a measure of its own counted per site and read at the
 * cohort's unit, so each is published from its own people and none is derived from others:
 * - placedWithinN over observedN: only people enrolled at least N months before asOf can have
 *   been observed for the whole window (kpis.md); notObservableN are the people left out;
 * - employed6 over followedUp6: among people placed, those whose 6-month follow-up is recorded
 *   (a follow-up not yet due or not yet recorded is not a failure).
 */
export function cohortMeasures(def: CohortDef): Record<string, Condition> {
  const member = cohortMembership(def);
  const and = (...c: Condition[]): Condition => ({ all: [member, ...c] });
  const defs: Record<string, Condition> = { enrolled: member };
  for (const months of PLACEMENT_WINDOWS) {
    const observable: Condition = { observable: { months } };
    defs[`observed${months}`] = and(observable);
    defs[`notObservable${months}`] = and({ not: observable });
    defs[`placedWithin${months}`] = and(observable, { step: 'placed', when: 'ever', withinMonths: months });
  }
  defs.placed = and(ever('placed'));
  defs.droppedOut = and(ever('droppedOut'));
  defs.followedUp6 = and(ever('placed'), ever('followedUp6'));
  defs.employed6 = and(ever('placed'), ever('employed6'));
  return defs;
}
