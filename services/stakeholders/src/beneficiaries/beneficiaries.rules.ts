/** The beneficiary as this service knows it from events. */
export interface KnownPerson {
  siteCode: string;
  erasedAt: Date | null;
}

/**
 * Why a new record may not refer to this beneficiary (the message of a 422 on the field), or
 * null when it may. Records of erased people that already exist stay; new ones are refused.
 */
export function beneficiaryRefusal(person: KnownPerson | null, siteCode: string): string | null {
  if (!person) return 'unknown beneficiary';
  if (person.erasedAt) return 'beneficiary was erased';
  if (person.siteCode !== siteCode) return `beneficiary is enrolled at another site, not ${siteCode}`;
  return null;
}
