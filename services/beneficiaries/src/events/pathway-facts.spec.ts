import { randomUUID } from 'node:crypto';
import { buildEvent, EVENT_TYPES, type CloudEvent } from '@meic/contracts';
import { isPathwayFactType, pathwayFactOf, PATHWAY_FACT_TYPES } from './pathway-facts';

const person = { siteCode: 'IT-RM', country: 'IT', sex: 'male', ageBand: '18-24', citizenship: 'AF', legalStatus: 'subsidiary_protection' } as const;
const pseudonym = randomUUID();
const course = { courseId: randomUUID(), courseType: 'vocational_training' } as const;
const internship = { internshipId: randomUUID(), hostOrgId: randomUUID(), hostOrgType: 'enterprise' } as const;

describe('pathway facts from person events', () => {
  const cases: [CloudEvent, object][] = [
    [buildEvent('meic.beneficiary.assessed.v2', { ...person, pseudonym, occurredOn: '2026-03-10', assessmentId: randomUUID(), barriers: ['language'], recommendedActivities: ['l2_language'] }), { kind: 'assessed', on: '2026-03-10' }],
    [
      buildEvent('meic.beneficiary.placed.v2', { ...person, pseudonym, occurredOn: '2026-08-03', placementId: randomUUID(), employerOrgId: null, employerOrgType: null, contractType: 'permanent', hoursPerWeek: 38, naceSector: 'C' }),
      { kind: 'placed', on: '2026-08-03' },
    ],
    [
      buildEvent('meic.beneficiary.followed-up.v2', { ...person, pseudonym, occurredOn: '2026-11-04', placementId: randomUUID(), placedOn: '2026-08-03', monthsAfterPlacement: 3, employed: true }),
      { kind: 'followed-up', on: '2026-11-04', months: 3, placedOn: '2026-08-03' },
    ],
    [
      buildEvent('meic.beneficiary.consent-recorded.v2', { siteCode: 'IT-RM', country: 'IT', pseudonym, occurredOn: '2026-04-02', evaluationFollowUp: false }, { time: new Date('2026-04-02T09:30:00.000Z') }),
      { kind: 'consent', on: '2026-04-02', at: '2026-04-02T09:30:00.000Z', evaluationFollowUp: false },
    ],
    [buildEvent('meic.beneficiary.dropped-out.v2', { ...person, pseudonym, occurredOn: '2026-05-01', reason: 'moved_away' }), { kind: 'dropped-out', on: '2026-05-01' }],
    [buildEvent('meic.course.enrolled.v2', { ...person, pseudonym, occurredOn: '2026-03-20', ...course, cefrLevelAtStart: null }), { kind: 'course-enrolled', on: '2026-03-20' }],
    [
      buildEvent('meic.course.completed.v2', { ...person, pseudonym, occurredOn: '2026-06-30', ...course, outcome: 'withdrawn', hoursAttended: 12, cefrTarget: null, cefrLevelAtStart: null, cefrLevelReached: null }),
      { kind: 'course-completed', on: '2026-06-30' },
    ],
    [
      buildEvent('meic.internship.started.v2', { ...person, pseudonym, occurredOn: '2026-05-04', ...internship, plannedEndOn: '2026-07-31' }),
      { kind: 'internship-started', on: '2026-05-04', plannedEndOn: '2026-07-31' },
    ],
    [
      buildEvent('meic.internship.ended.v2', { ...person, pseudonym, occurredOn: '2026-07-30', ...internship, startedOn: '2026-05-04', outcome: 'completed' }),
      { kind: 'internship-ended', on: '2026-07-30' },
    ],
  ];

  it.each(cases.map(([e, f]) => [e.type, e, f] as const))('%s → its fact, with the CloudEvent id and nothing else of the event', (_type, event, fact) => {
    if (!isPathwayFactType(event.type)) throw new Error(`${event.type} should be a pathway fact`);
    // toEqual on the whole fact: no coarse attribute, id or other field of the event leaks in.
    expect(pathwayFactOf(event as CloudEvent<typeof event.type>)).toEqual({ eventId: event.id, ...fact });
  });

  it('covers exactly the person events that move a pathway', () => {
    expect(cases.map(([e]) => e.type).sort()).toEqual([...PATHWAY_FACT_TYPES].sort());
    const others = EVENT_TYPES.filter((t) => !(PATHWAY_FACT_TYPES as readonly string[]).includes(t));
    expect(others).toEqual(expect.arrayContaining(['meic.beneficiary.enrolled.v2', 'meic.beneficiary.erased.v2', 'meic.pathway.stage-changed.v2', 'meic.course.created.v1']));
    expect(others.some((t) => isPathwayFactType(t))).toBe(false);
  });
});
