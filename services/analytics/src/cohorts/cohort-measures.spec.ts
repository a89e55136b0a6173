import { Problem } from '@meic/service-kit';
import { COHORT } from '../kpis/measures';
import { cohortCondition, cohortMeasures, cohortOf, cohortScope, cohortUnit } from './cohort-measures';

describe('cohortOf', () => {
  it('reads the prefixed fields of one side only', () => {
    const q = { asOf: '2026-01-01', 'a.site': 'IT-RM', 'a.activity': 'mentored', 'b.programme': 'LIME', 'b.enrolledFrom': '2025-01-01' };
    expect(cohortOf(q, 'a')).toEqual({ site: 'IT-RM', activity: 'mentored' });
    expect(cohortOf(q, 'b')).toEqual({ programme: 'LIME', enrolledFrom: '2025-01-01' });
  });
});

describe('cohortScope', () => {
  it('uses the enrolment dates as the period, open ends meaning all time', () => {
    expect(cohortScope({ enrolledFrom: '2025-01-01' }, 'a', '2026-06-30')).toEqual({ from: '2025-01-01', to: '2299-12-31', asOf: '2026-06-30' });
  });

  it('refuses enrolledFrom after enrolledTo with a 422 naming the field of that side', () => {
    let problem: Problem | undefined;
    try {
      cohortScope({ enrolledFrom: '2025-06-01', enrolledTo: '2025-01-01' }, 'b', '2026-06-30');
    } catch (e) {
      if (e instanceof Problem) problem = e;
    }
    expect(problem?.body.status).toBe(422);
    expect(problem?.body.errors?.[0]?.path).toBe('/b.enrolledFrom');
  });
});

describe('cohortMeasures', () => {
  const def = { site: 'IT-RM', programme: 'AMIL', activity: 'l2Enrolled' as const };
  const member = { all: [COHORT, { attribute: 'site', in: ['IT-RM'] }, { attribute: 'programme', in: ['AMIL'] }, { step: 'l2Enrolled', when: 'ever' }] };

  it('makes membership: enrolled in the period, the attributes, and the activity at any time', () => {
    expect(cohortCondition(def)).toEqual(member);
    expect(cohortCondition({})).toEqual({ all: [COHORT] });
  });

  it('counts placement within a window over the observable people only, and the others apart', () => {
    const m = cohortMeasures(def);
    // The place is not in the measures: they are read at the cohort's unit of the plan.
    const member = { all: [{ step: 'enrolled' }, { step: 'l2Enrolled', when: 'ever' }] };
    expect(cohortUnit(def)).toEqual({ level: 'site', key: 'IT-RM' });
    expect(m.enrolled).toEqual(member);
    expect(m.observed6).toEqual({ all: [member, { observable: { months: 6 } }] });
    expect(m.notObservable6).toEqual({ all: [member, { not: { observable: { months: 6 } } }] });
    expect(m.placedWithin12).toEqual({ all: [member, { observable: { months: 12 } }, { step: 'placed', when: 'ever', withinMonths: 12 }] });
    expect(m.employed6).toEqual({ all: [member, { step: 'placed', when: 'ever' }, { step: 'employed6', when: 'ever' }] });
    expect(m.followedUp6).toEqual({ all: [member, { step: 'placed', when: 'ever' }, { step: 'followedUp6', when: 'ever' }] });
    expect(Object.keys(m).sort()).toEqual(
      ['enrolled', 'observed6', 'notObservable6', 'placedWithin6', 'observed12', 'notObservable12', 'placedWithin12', 'placed', 'droppedOut', 'followedUp6', 'employed6'].sort(),
    );
  });
});
