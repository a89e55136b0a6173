import { isoDate, type FieldProblem } from '@meic/service-kit';
import type { KnownOrganisation } from '../generated/prisma/client';

/** Exactly one of employerOrgId (a cluster member) and employerName (anyone else). */
export function employerFieldProblem(body: { employerOrgId?: string; employerName?: string }): FieldProblem | null {
  if (body.employerOrgId !== undefined && body.employerName !== undefined) {
    return { path: '/employerName', message: 'must not be given together with employerOrgId' };
  }
  if (body.employerOrgId === undefined && body.employerName === undefined) {
    return { path: '/employerOrgId', message: 'is required unless employerName is given' };
  }
  return null;
}

/**
 * Whether a cluster organisation may be the employer of a placement at `siteCode` starting on
 * `startedOn`: it must be known (from meic.organisation.joined), of the person's site, and not
 * have left the cluster by then. Returns why not, as a 422 field problem.
 */
export function employerReferenceProblem(org: Pick<KnownOrganisation, 'siteCode' | 'leftOn'> | null, siteCode: string, startedOn: string): FieldProblem | null {
  if (!org) return { path: '/employerOrgId', message: 'unknown organisation' };
  if (org.siteCode !== siteCode) return { path: '/employerOrgId', message: `organisation belongs to another site (${org.siteCode})` };
  if (org.leftOn && isoDate(org.leftOn) <= startedOn) return { path: '/employerOrgId', message: `organisation left the cluster on ${isoDate(org.leftOn)}` };
  return null;
}
