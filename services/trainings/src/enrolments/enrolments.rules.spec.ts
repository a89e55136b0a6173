import { completionProblems, enrolmentProblems } from './enrolments.rules';

describe('enrolment rules', () => {
  it('records a level at start on L2 courses only', () => {
    expect(enrolmentProblems({ type: 'l2_language' }, { cefrLevelAtStart: 'A1' })).toEqual([]);
    expect(enrolmentProblems({ type: 'digital_skills' }, {})).toEqual([]);
    expect(enrolmentProblems({ type: 'digital_skills' }, { cefrLevelAtStart: 'A1' })).toEqual([
      { path: '/cefrLevelAtStart', message: 'only l2_language courses record a CEFR level, not digital_skills' },
    ]);
  });
});

describe('completion rules', () => {
  const l2 = { type: 'l2_language', hours: 120 };
  const enrolment = { enrolledOn: '2026-03-02' };

  it('accepts a completion on or after the enrolment within the course hours', () => {
    expect(completionProblems(l2, enrolment, { completedOn: '2026-03-02', hoursAttended: 120, cefrLevelReached: 'A2' })).toEqual([]);
    expect(completionProblems(l2, enrolment, { completedOn: '2026-06-30', hoursAttended: 0 })).toEqual([]);
  });

  it('refuses a completion before the enrolment, naming /completedOn', () => {
    expect(completionProblems(l2, enrolment, { completedOn: '2026-03-01', hoursAttended: 10 })).toEqual([{ path: '/completedOn', message: 'must not be before the enrolment (2026-03-02)' }]);
  });

  it('refuses more hours than the course has, naming /hoursAttended', () => {
    expect(completionProblems(l2, enrolment, { completedOn: '2026-06-30', hoursAttended: 120.5 })).toEqual([{ path: '/hoursAttended', message: "must not exceed the course's 120 hours" }]);
  });

  it('records a level reached on L2 courses only, naming /cefrLevelReached', () => {
    expect(completionProblems({ type: 'vocational_training', hours: 80 }, enrolment, { completedOn: '2026-06-30', hoursAttended: 80, cefrLevelReached: 'B1' })).toEqual([
      { path: '/cefrLevelReached', message: 'only l2_language courses record a CEFR level, not vocational_training' },
    ]);
  });

  it('reports every problem at once', () => {
    const all = completionProblems({ type: 'soft_skills', hours: 10 }, enrolment, { completedOn: '2026-01-01', hoursAttended: 11, cefrLevelReached: 'A1' });
    expect(all.map((p) => p.path)).toEqual(['/completedOn', '/hoursAttended', '/cefrLevelReached']);
  });
});
