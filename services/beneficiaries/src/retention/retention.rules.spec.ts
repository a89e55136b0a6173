import { addYears, expiredEnrolmentsUpTo, expiresOn } from './retention.rules';

describe('retention rules', () => {
  it('adds whole years, 29 February becoming 1 March in a common year', () => {
    expect(addYears('2026-06-30', 5)).toBe('2031-06-30');
    expect(addYears('2028-02-29', 5)).toBe('2033-03-01');
    expect(addYears('2031-06-30', -5)).toBe('2026-06-30');
  });

  it("counts from the programme's end, or from a later enrolment", () => {
    expect(expiresOn('2026-12-31', 5, '2025-03-01')).toBe('2031-12-31');
    expect(expiresOn('2026-12-31', 5, '2027-02-01')).toBe('2032-02-01');
  });

  it('has nothing expire before the end plus the years, and everything enrolled up to that day on it', () => {
    expect(expiredEnrolmentsUpTo('2026-12-31', 5, '2031-12-30')).toBeNull();
    expect(expiredEnrolmentsUpTo('2026-12-31', 5, '2031-12-31')).toBe('2026-12-31');
    expect(expiredEnrolmentsUpTo('2026-12-31', 5, '2032-02-01')).toBe('2027-02-01');
    expect(expiredEnrolmentsUpTo('2026-12-31', 10, '2032-02-01')).toBeNull();
  });

  it('agrees with expiresOn on every day around a leap day', () => {
    for (const enrolledOn of ['2028-02-28', '2028-02-29', '2028-03-01']) {
      const expiry = expiresOn('2028-01-31', 5, enrolledOn);
      for (const asOf of ['2033-02-27', '2033-02-28', '2033-03-01', '2033-03-02']) {
        const upTo = expiredEnrolmentsUpTo('2028-01-31', 5, asOf);
        expect([enrolledOn, asOf, upTo !== null && enrolledOn <= upTo]).toEqual([enrolledOn, asOf, expiry <= asOf]);
      }
    }
  });
});
