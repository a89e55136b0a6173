import { courseProblems, hasCefrLevels } from './courses.rules';

describe('course rules', () => {
  const base = { type: 'l2_language' as const, startsOn: '2026-03-01', endsOn: '2026-06-30' };

  it('accepts an L2 course with a CEFR target, and a one-day course', () => {
    expect(courseProblems({ ...base, cefrTarget: 'A2' })).toEqual([]);
    expect(courseProblems({ ...base, endsOn: base.startsOn })).toEqual([]);
  });

  it('refuses an end before the start, naming /endsOn', () => {
    expect(courseProblems({ ...base, endsOn: '2026-02-28' })).toEqual([{ path: '/endsOn', message: 'must not be before startsOn (2026-03-01)' }]);
  });

  it('allows a CEFR target on L2 courses only, naming /cefrTarget', () => {
    expect(courseProblems({ ...base, type: 'vocational_training', cefrTarget: 'B1' })).toEqual([
      { path: '/cefrTarget', message: 'only l2_language courses have a CEFR target, not vocational_training' },
    ]);
    expect(courseProblems({ ...base, type: 'vocational_training' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(courseProblems({ type: 'soft_skills', startsOn: '2026-03-01', endsOn: '2026-01-01', cefrTarget: 'A1' }).map((p) => p.path)).toEqual(['/endsOn', '/cefrTarget']);
  });

  it('knows which course types have CEFR levels', () => {
    expect(hasCefrLevels('l2_language')).toBe(true);
    expect(hasCefrLevels('digital_skills')).toBe(false);
  });
});
