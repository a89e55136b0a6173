import { areasRefusal, endRefusal, startRefusal } from './mentoring-matches.rules';

describe('areasRefusal', () => {
  it('accepts areas the mentor covers', () => {
    expect(areasRefusal(['work'], ['work', 'housing'])).toBeNull();
    expect(areasRefusal(['work', 'housing'], ['work', 'housing'])).toBeNull();
  });

  it('refuses others with 422 naming /areas and the areas outside', () => {
    const p = areasRefusal(['work', 'financial_literacy'], ['work', 'housing']);
    expect(p?.getStatus()).toBe(422);
    expect(p?.body.errors).toEqual([{ path: '/areas', message: "not among the mentor's areas: financial_literacy" }]);
  });
});

describe('startRefusal', () => {
  it('refuses a start before the enrolment with 400 naming /startedOn', () => {
    expect(startRefusal('2026-03-02', '2026-03-02')).toBeNull();
    const p = startRefusal('2026-03-01', '2026-03-02');
    expect(p?.getStatus()).toBe(400);
    expect(p?.body.errors?.[0]?.path).toBe('/startedOn');
  });
});

describe('endRefusal', () => {
  const open = { startedOn: '2026-04-01', endedOn: null };

  it('ends an open match on or after its start', () => {
    expect(endRefusal(open, '2026-04-01')).toBeNull();
    expect(endRefusal(open, '2026-09-30')).toBeNull();
  });

  it('refuses an end before the start with 400 naming /endedOn', () => {
    const p = endRefusal(open, '2026-03-31');
    expect(p?.getStatus()).toBe(400);
    expect(p?.body.errors).toEqual([{ path: '/endedOn', message: 'must not be before the start date 2026-04-01' }]);
  });

  it('refuses to end a match twice with 409', () => {
    expect(endRefusal({ ...open, endedOn: '2026-05-01' }, '2026-06-01')?.getStatus()).toBe(409);
  });
});
