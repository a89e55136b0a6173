import type { FieldProblem } from '@meic/service-kit';

/**
 * Why a beneficiary cannot be referred to by a new record of `siteCode`, or null if they can:
 * the beneficiaries service must know them (not erased), enrolled at that site.
 */
export function beneficiaryReferenceProblem(b: { siteCode: string } | null, siteCode: string, path: string): FieldProblem | null {
  if (!b) return { path, message: 'unknown or erased beneficiary' };
  if (b.siteCode !== siteCode) return { path, message: `beneficiary is enrolled at site ${b.siteCode}, not ${siteCode}` };
  return null;
}
