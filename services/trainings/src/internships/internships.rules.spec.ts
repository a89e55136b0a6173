import { internshipEndProblems, internshipProblems } from './internships.rules';

describe('internship rules', () => {
  it('needs the planned end on or after the start, naming /plannedEndOn', () => {
    expect(internshipProblems({ startedOn: '2026-05-04', plannedEndOn: '2026-08-04' })).toEqual([]);
    expect(internshipProblems({ startedOn: '2026-05-04', plannedEndOn: '2026-05-04' })).toEqual([]);
    expect(internshipProblems({ startedOn: '2026-05-04', plannedEndOn: '2026-05-03' })).toEqual([{ path: '/plannedEndOn', message: 'must not be before startedOn (2026-05-04)' }]);
  });

  it('needs the end on or after the start, naming /endedOn', () => {
    expect(internshipEndProblems({ startedOn: '2026-05-04' }, { endedOn: '2026-05-04' })).toEqual([]);
    expect(internshipEndProblems({ startedOn: '2026-05-04' }, { endedOn: '2026-05-01' })).toEqual([{ path: '/endedOn', message: 'must not be before the start (2026-05-04)' }]);
  });
});
