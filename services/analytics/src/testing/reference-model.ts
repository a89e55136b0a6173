import type { CloudEvent } from '@meic/contracts';
import { addMonths, daysBetween } from './random-history';

/**
 * kpis.md computed the plain way: a loop over the events, written without looking at the SQL.
 * Tests compare every KPI the API serves with this.
 */
export interface RefPerson {
  id: string;
  site: string;
  country: string;
  programme: string;
  sex: string;
  ageBand: string;
  legalStatus: string;
  citizenship: string;
  enrolledOn: string;
  first: Partial<Record<RefStep, string>>;
  courseTypes: Set<string>;
  employedAt: Partial<Record<3 | 6 | 12, boolean>>;
}

export type RefStep = 'assessed' | 'courseCompleted' | 'l2Enrolled' | 'l2Left' | 'l2Improved' | 'vocationalEnrolled' | 'internshipStarted' | 'placed' | 'droppedOut' | 'followedUp6' | 'employed6';

const CEFR = ['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export function referencePeople(events: readonly CloudEvent[]): RefPerson[] {
  const seen = new Set<string>();
  const unique = events.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
  const people = new Map<string, RefPerson>();
  for (const e of unique) {
    if (e.type !== 'meic.beneficiary.enrolled.v2') continue;
    const d = e.data as Record<string, string>;
    const id = d.pseudonym as string;
    const prev = people.get(id);
    if (prev && prev.enrolledOn <= (d.occurredOn as string)) continue;
    people.set(id, {
      id,
      site: d.siteCode as string,
      country: d.country as string,
      programme: d.programme as string,
      sex: d.sex as string,
      ageBand: d.ageBand as string,
      legalStatus: d.legalStatus as string,
      citizenship: d.citizenship as string,
      enrolledOn: d.occurredOn as string,
      first: {},
      courseTypes: new Set(),
      employedAt: {},
    });
  }
  const note = (p: RefPerson, step: RefStep, on: string) => {
    const cur = p.first[step];
    if (cur === undefined || on < cur) p.first[step] = on;
  };
  for (const e of unique) {
    const d = e.data as unknown as Record<string, unknown>;
    const p = people.get(d.pseudonym as string);
    if (!p) continue;
    const on = d.occurredOn as string;
    const type: string = e.type;
    switch (type) {
      case 'meic.beneficiary.assessed.v2':
        note(p, 'assessed', on);
        break;
      case 'meic.course.enrolled.v2':
        p.courseTypes.add(d.courseType as string);
        if (d.courseType === 'l2_language') note(p, 'l2Enrolled', on);
        // MEIC-05: vocational, company or entrepreneurship training
        if (['vocational_training', 'company_training', 'entrepreneurship_lab'].includes(d.courseType as string)) note(p, 'vocationalEnrolled', on);
        break;
      case 'meic.course.completed.v2':
        if (d.outcome === 'completed') note(p, 'courseCompleted', on);
        if (d.courseType === 'l2_language') {
          note(p, 'l2Left', on);
          // MEIC-04: left at least one CEFR level above a known starting level
          const start = CEFR.indexOf(d.cefrLevelAtStart as string);
          if (start >= 0 && CEFR.indexOf(d.cefrLevelReached as string) > start) note(p, 'l2Improved', on);
        }
        break;
      case 'meic.internship.started.v2':
        note(p, 'internshipStarted', on);
        break;
      case 'meic.beneficiary.placed.v2':
        note(p, 'placed', on);
        break;
      case 'meic.beneficiary.dropped-out.v2':
        note(p, 'droppedOut', on);
        break;
      case 'meic.beneficiary.followed-up.v2': {
        const months = d.monthsAfterPlacement as 3 | 6 | 12;
        p.employedAt[months] = (p.employedAt[months] ?? false) || (d.employed as boolean);
        if (months === 6) {
          note(p, 'followedUp6', on);
          if (d.employed) note(p, 'employed6', on);
        }
        break;
      }
      default:
        break;
    }
  }
  return [...people.values()];
}

export interface Period {
  from: string;
  to: string;
  asOf: string;
}

const within = (on: string | undefined, p: Period) => on !== undefined && on >= p.from && on <= p.to && on <= p.asOf;
const by = (on: string | undefined, p: Period) => on !== undefined && on <= p.asOf;

export interface RefCounts {
  enrolled: number;
  women: number;
  trained: number;
  internshipsStarted: number;
  placed: number;
  dropouts: number;
  cohortPlaced: number;
  medianDaysToPlacement: number | null;
}

/** The overview's figures for a set of people (kpis.md "Counting rules", "Time to placement"). */
export function referenceOverview(people: readonly RefPerson[], p: Period): RefCounts {
  const cohort = people.filter((x) => within(x.enrolledOn, p));
  return {
    enrolled: cohort.length,
    women: cohort.filter((x) => x.sex === 'female').length,
    trained: people.filter((x) => within(x.first.courseCompleted, p)).length,
    internshipsStarted: people.filter((x) => within(x.first.internshipStarted, p)).length,
    placed: people.filter((x) => within(x.first.placed, p)).length,
    dropouts: people.filter((x) => within(x.first.droppedOut, p)).length,
    cohortPlaced: cohort.filter((x) => by(x.first.placed, p)).length,
    medianDaysToPlacement: referenceMedian(cohort.filter((x) => x.enrolledOn <= p.asOf), p.asOf),
  };
}

/**
 * Median of the product-limit estimate, computed directly: at each distinct placement time,
 * S ← S × (1 − placed / at risk); the median is the first time S reaches 0.5 or less.
 */
export function referenceMedian(cohort: readonly RefPerson[], asOf: string): number | null {
  const obs = cohort.map((x) => {
    const placed = by(x.first.placed, { from: '', to: '', asOf });
    const end = placed ? (x.first.placed as string) : x.first.droppedOut && x.first.droppedOut < asOf ? x.first.droppedOut : asOf;
    return { t: Math.max(0, daysBetween(x.enrolledOn, end)), event: placed };
  });
  const times = [...new Set(obs.filter((o) => o.event).map((o) => o.t))].sort((a, b) => a - b);
  let s = 1;
  for (const t of times) {
    const atRisk = obs.filter((o) => o.t >= t).length;
    const events = obs.filter((o) => o.event && o.t === t).length;
    s *= 1 - events / atRisk;
    if (s <= 0.5 + 1e-12) return t;
  }
  return null;
}

/** Placement within `months` of enrolment among the cohort observable that long (kpis.md "Cohort rates"). */
export function referenceWithinMonths(people: readonly RefPerson[], p: Period, months: number): { numerator: number; denominator: number } {
  const observable = people.filter((x) => within(x.enrolledOn, p) && addMonths(x.enrolledOn, months) <= p.asOf);
  return {
    denominator: observable.length,
    numerator: observable.filter((x) => by(x.first.placed, p) && (x.first.placed as string) <= addMonths(x.enrolledOn, months)).length,
  };
}
