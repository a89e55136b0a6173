/**
 * Why a new record may not refer to this beneficiary (the message of a 422 on the field), or
 * null when it may: the beneficiaries service must know them (not erased), enrolled at that site.
 */
export function beneficiaryRefusal(person: { siteCode: string } | null, siteCode: string): string | null {
  if (!person) return 'unknown or erased beneficiary';
  if (person.siteCode !== siteCode) return `beneficiary is enrolled at another site, not ${siteCode}`;
  return null;
}
