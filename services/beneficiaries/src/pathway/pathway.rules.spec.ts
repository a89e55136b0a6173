import { addMonths, DEFAULT_TEMPLATE, deadlines, nextDeadline, stageOf, type PathwayFact, type PathwayTemplate } from './pathway.rules';

const enrolled: PathwayFact = { eventId: 'e1', kind: 'enrolled', on: '2026-01-10' };
const assessed: PathwayFact = { eventId: 'e2', kind: 'assessed', on: '2026-01-20' };
const course: PathwayFact = { eventId: 'e3', kind: 'course-enrolled', on: '2026-02-01' };
const courseDone: PathwayFact = { eventId: 'e4', kind: 'course-completed', on: '2026-04-30' };
const internship: PathwayFact = { eventId: 'e5', kind: 'internship-started', on: '2026-05-04', plannedEndOn: '2026-07-31' };
const internshipEnd: PathwayFact = { eventId: 'e6', kind: 'internship-ended', on: '2026-07-31' };
const placed: PathwayFact = { eventId: 'e7', kind: 'placed', on: '2026-08-03' };
const fu = (months: 3 | 6 | 12, on: string): PathwayFact => ({ eventId: `fu${months}`, kind: 'followed-up', on, months, placedOn: '2026-08-03' });

describe('stageOf', () => {
  it('follows a whole pathway step by step', () => {
    const steps = [enrolled, assessed, course, courseDone, internship, internshipEnd, placed, fu(3, '2026-11-03'), fu(6, '2027-02-03'), fu(12, '2027-08-03')];
    const stages = steps.map((_, i) => stageOf(steps.slice(0, i + 1), DEFAULT_TEMPLATE).stage);
    expect(stages).toEqual(['intake', 'assessment', 'training', 'job_search', 'internship', 'job_search', 'employed', 'follow_up', 'follow_up', 'closed']);
  });

  it('does not depend on the order events arrive in, nor on duplicates', () => {
    const facts = [enrolled, assessed, course, courseDone, internship, placed];
    const reversed = [...facts].reverse();
    const withCopies = [...facts, course, assessed];
    expect(stageOf(reversed, DEFAULT_TEMPLATE)).toEqual(stageOf(facts, DEFAULT_TEMPLATE));
    expect(stageOf(withCopies, DEFAULT_TEMPLATE)).toEqual({ stage: 'employed', since: '2026-08-03' });
  });

  it('keeps a person in their internship while it runs, even after a course ends', () => {
    // internship from 05-04, a course completed 05-20 (later): still in the internship
    const lateCourse: PathwayFact = { eventId: 'c', kind: 'course-completed', on: '2026-05-20' };
    expect(stageOf([enrolled, internship, lateCourse], DEFAULT_TEMPLATE)).toEqual({ stage: 'internship', since: '2026-05-04' });
  });

  it('ends in dropped_out whatever came before or after', () => {
    const out: PathwayFact = { eventId: 'd', kind: 'dropped-out', on: '2026-03-01' };
    expect(stageOf([enrolled, assessed, out, course], DEFAULT_TEMPLATE)).toEqual({ stage: 'dropped_out', since: '2026-03-01' });
  });

  it('counts a stage the site does not use as the nearest earlier one it does', () => {
    // Rome assesses in the orientation interview: assessed → "assessment" is not used → orientation
    const rome: PathwayTemplate = { ...DEFAULT_TEMPLATE, stages: ['intake', 'orientation', 'training', 'internship', 'job_search', 'employed', 'follow_up', 'closed'] };
    expect(stageOf([enrolled, assessed], rome).stage).toBe('orientation');
    expect(stageOf([enrolled, assessed, course], rome).stage).toBe('training');
    // without orientation either, the person stays in intake until a first activity
    const bare: PathwayTemplate = { ...DEFAULT_TEMPLATE, stages: ['intake', 'training', 'job_search', 'employed', 'follow_up', 'closed'] };
    expect(stageOf([enrolled, assessed], bare).stage).toBe('intake');
  });

  it('closes on the last follow-up of the template', () => {
    const sixOnly: PathwayTemplate = { ...DEFAULT_TEMPLATE, deadlines: { ...DEFAULT_TEMPLATE.deadlines, followUpMonths: [3, 6] } };
    expect(stageOf([enrolled, placed, fu(6, '2027-02-03')], sixOnly).stage).toBe('closed');
  });
});

describe('deadlines', () => {
  it('sets assessment (14 days), first activity (30 days) and stalled (90 days) from enrolment', () => {
    // enrolled 2026-01-10: + 14 = 01-24; + 30 = 02-09; + 90 = 04-10
    expect(deadlines([enrolled], DEFAULT_TEMPLATE)).toEqual([
      { key: 'assessment', kind: 'assessment_overdue', dueOn: '2026-01-24', met: false },
      { key: 'first-activity', kind: 'first_activity_overdue', dueOn: '2026-02-09', met: false },
      { key: 'stalled:2026-01-10', kind: 'pathway_stalled', dueOn: '2026-04-10', met: false },
    ]);
  });

  it('meets them with the facts, and moves the stalled deadline with each new fact', () => {
    const d = deadlines([enrolled, assessed, course], DEFAULT_TEMPLATE);
    expect(d.find((x) => x.key === 'assessment')?.met).toBe(true);
    expect(d.find((x) => x.key === 'first-activity')?.met).toBe(true);
    // latest fact 02-01 + 90 days = 05-02
    expect(d.find((x) => x.kind === 'pathway_stalled')).toEqual({ key: 'stalled:2026-02-01', kind: 'pathway_stalled', dueOn: '2026-05-02', met: false });
  });

  it('expects an internship to be reported ended 14 days after its planned end', () => {
    // planned end 07-31 + 14 = 08-14
    const d = deadlines([enrolled, internship], DEFAULT_TEMPLATE).find((x) => x.kind === 'internship_end_overdue');
    expect(d).toEqual({ key: 'internship-end:e5', kind: 'internship_end_overdue', dueOn: '2026-08-14', met: false });
  });

  it('schedules the 3-, 6- and 12-month follow-ups after the placement, and no stalled deadline', () => {
    const d = deadlines([enrolled, assessed, course, placed, fu(3, '2026-11-05')], DEFAULT_TEMPLATE);
    expect(d.filter((x) => x.kind === 'follow_up_due')).toEqual([
      { key: 'follow-up:3', kind: 'follow_up_due', dueOn: '2026-11-03', met: true },
      { key: 'follow-up:6', kind: 'follow_up_due', dueOn: '2027-02-03', met: false },
      { key: 'follow-up:12', kind: 'follow_up_due', dueOn: '2027-08-03', met: false },
    ]);
    expect(d.some((x) => x.kind === 'pathway_stalled')).toBe(false);
  });

  it("leaves out the deadlines whose task kind the site's template sets to none", () => {
    const quiet: PathwayTemplate = { ...DEFAULT_TEMPLATE, onMissed: { internship_end_overdue: 'none', pathway_stalled: 'task' } };
    const kinds = deadlines([enrolled, internship], quiet).map((x) => x.kind);
    expect(kinds).toEqual(['assessment_overdue', 'first_activity_overdue', 'pathway_stalled']);
  });

  it('has none after a drop-out', () => {
    expect(deadlines([enrolled, { eventId: 'd', kind: 'dropped-out', on: '2026-01-15' }], DEFAULT_TEMPLATE)).toEqual([]);
  });

  it('picks the earliest unmet deadline not yet raised', () => {
    const d = deadlines([enrolled], DEFAULT_TEMPLATE);
    expect(nextDeadline(d, new Set())?.key).toBe('assessment');
    expect(nextDeadline(d, new Set(['assessment']))?.key).toBe('first-activity');
    expect(nextDeadline(d, new Set(['assessment', 'first-activity', 'stalled:2026-01-10']))).toBeUndefined();
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-08-03', 12)).toBe('2027-08-03');
  });
});

describe('consent to evaluation follow-up', () => {
  const consent = (evaluationFollowUp: boolean, on: string, at = `${on}T10:00:00.000Z`): PathwayFact => ({ eventId: `consent:${on}:${at}`, kind: 'consent', on, at, evaluationFollowUp });
  const followUpKinds = (facts: PathwayFact[]) => deadlines(facts, DEFAULT_TEMPLATE).filter((d) => d.kind === 'follow_up_due');

  it('raises no follow-up deadline for a person who did not consent, and closes the pathway at placement', () => {
    const facts = [enrolled, consent(false, '2026-01-10'), assessed, placed];
    expect(followUpKinds(facts)).toEqual([]);
    expect(stageOf(facts, DEFAULT_TEMPLATE)).toEqual({ stage: 'closed', since: '2026-08-03' });
  });

  it('keeps the 3/6/12-month follow-ups of a person who consented', () => {
    const facts = [enrolled, consent(true, '2026-01-10'), placed];
    expect(followUpKinds(facts).map((d) => d.dueOn)).toEqual(['2026-11-03', '2027-02-03', '2027-08-03']);
    expect(stageOf(facts, DEFAULT_TEMPLATE).stage).toBe('employed');
  });

  it('stops the follow-ups from a withdrawal on, closing the pathway on the day of the withdrawal', () => {
    const facts = [enrolled, consent(true, '2026-01-10'), placed, fu(3, '2026-11-03'), consent(false, '2026-12-01')];
    expect(followUpKinds(facts)).toEqual([]);
    expect(stageOf(facts, DEFAULT_TEMPLATE)).toEqual({ stage: 'closed', since: '2026-12-01' });
  });

  it('lets the latest consent decide, by day and then by when it was recorded, whatever the order facts arrive in', () => {
    const given = consent(true, '2026-03-01', '2026-03-01T15:00:00.000Z');
    const withdrawnSameDayEarlier = consent(false, '2026-03-01', '2026-03-01T09:00:00.000Z');
    const facts = [enrolled, consent(false, '2026-01-10'), withdrawnSameDayEarlier, given, placed];
    expect(followUpKinds(facts)).toHaveLength(3);
    expect(followUpKinds([...facts].reverse())).toHaveLength(3);
  });

  it('is not progress: a consent neither moves the stage nor restarts the stalled clock', () => {
    const before = [enrolled, assessed];
    const after = [...before, consent(true, '2026-03-15')];
    expect(stageOf(after, DEFAULT_TEMPLATE)).toEqual(stageOf(before, DEFAULT_TEMPLATE));
    expect(deadlines(after, DEFAULT_TEMPLATE).find((d) => d.kind === 'pathway_stalled')?.dueOn).toBe(deadlines(before, DEFAULT_TEMPLATE).find((d) => d.kind === 'pathway_stalled')?.dueOn);
  });
});
