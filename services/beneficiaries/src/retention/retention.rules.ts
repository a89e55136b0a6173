import { asDate, isoDate } from '@meic/service-kit';

/** `YYYY-MM-DD` plus whole years (29 February becomes 1 March in a common year). */
export function addYears(day: string, years: number): string {
  const d = asDate(day);
  return isoDate(new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate())));
}

/**
 * A person's records expire `years` after the programme's end, or after their enrolment when
 * they enrolled after it (a late enrolment is kept as long as any other).
 */
export function expiresOn(programmeEndsOn: string, years: number, enrolledOn: string): string {
  return addYears(enrolledOn > programmeEndsOn ? enrolledOn : programmeEndsOn, years);
}

/**
 * The latest enrolment day whose records have expired on `asOf` at a site, or null when none
 * has (the programme ended less than `years` ago): expired ⟺ max(end, enrolment) + years ≤ asOf.
 */
export function expiredEnrolmentsUpTo(programmeEndsOn: string, years: number, asOf: string): string | null {
  const cutoff = addYears(asOf, -years);
  // addYears(x, -y) then +y can land a day later (29 February); check the round trip.
  const last = addYears(cutoff, years) <= asOf ? cutoff : isoDate(new Date(asDate(cutoff).getTime() - 86_400_000));
  return programmeEndsOn <= last ? last : null;
}
