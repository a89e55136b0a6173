import type { FieldProblem } from '@meic/service-kit';

export interface BeneficiaryFacts {
  siteCode: string;
  erased: boolean;
}

/**
 * Why a beneficiary cannot be referred to by a new record of `siteCode`, or null if they can:
 * they must be known from meic.beneficiary.enrolled, not erased, and enrolled at that site.
 */
export function beneficiaryReferenceProblem(b: BeneficiaryFacts | null, siteCode: string, path: string): FieldProblem | null {
  if (!b) return { path, message: 'unknown beneficiary' };
  if (b.erased) return { path, message: 'beneficiary was erased' };
  if (b.siteCode !== siteCode) return { path, message: `beneficiary is enrolled at site ${b.siteCode}, not ${siteCode}` };
  return null;
}
