import { Problem } from '../problems/problem';
import { asDate, isBefore, isoDate, requireNotBefore, utcDate } from './dates';

describe('dates', () => {
  it('round-trips a calendar date through the DATE column representation', () => {
    expect(isoDate(asDate('2026-02-28'))).toBe('2026-02-28');
    expect(asDate('2026-02-28')).toEqual(new Date('2026-02-28T00:00:00.000Z'));
    expect(utcDate(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
  });

  it('takes the UTC date of now by default', () => {
    const before = isoDate(new Date());
    const today = utcDate();
    expect([before, isoDate(new Date())]).toContain(today);
  });

  it('orders ISO dates', () => {
    expect(isBefore('2026-03-01', '2026-03-02')).toBe(true);
    expect(isBefore('2026-03-02', '2026-03-02')).toBe(false);
    expect(isBefore('2026-12-01', '2026-03-02')).toBe(false);
  });

  it('accepts the same day or later, and names the field otherwise', () => {
    expect(() => requireNotBefore('2026-03-02', '2026-03-02', '/startedOn', 'the enrolment date')).not.toThrow();
    expect(() => requireNotBefore('2026-12-01', '2026-03-02', '/startedOn', 'the enrolment date')).not.toThrow();
    let error: unknown;
    try {
      requireNotBefore('2026-03-01', '2026-03-02', '/startedOn', 'the enrolment date');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).body).toMatchObject({ status: 400, errors: [{ path: '/startedOn', message: 'must not be before the enrolment date (2026-03-02)' }] });
  });
});
