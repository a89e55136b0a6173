import { employerFieldProblem, employerReferenceProblem } from './placements.rules';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('placement employer', () => {
  it('needs exactly one of employerOrgId and employerName, naming the field', () => {
    expect(employerFieldProblem({ employerOrgId: 'a' })).toBeNull();
    expect(employerFieldProblem({ employerName: 'Bar Roma' })).toBeNull();
    expect(employerFieldProblem({})).toEqual({ path: '/employerOrgId', message: 'is required unless employerName is given' });
    expect(employerFieldProblem({ employerOrgId: 'a', employerName: 'Bar Roma' })).toEqual({ path: '/employerName', message: 'must not be given together with employerOrgId' });
  });

  it('accepts a cluster member of the same site that had not left when the job started', () => {
    expect(employerReferenceProblem({ siteCode: 'IT-RM', leftOn: null }, 'IT-RM', '2026-05-04')).toBeNull();
    expect(employerReferenceProblem({ siteCode: 'IT-RM', leftOn: d('2026-06-30') }, 'IT-RM', '2026-05-04')).toBeNull();
  });

  it('rejects an unknown organisation, one of another site, and one that had left by the start', () => {
    expect(employerReferenceProblem(null, 'IT-RM', '2026-05-04')).toEqual({ path: '/employerOrgId', message: 'unknown organisation' });
    expect(employerReferenceProblem({ siteCode: 'CY-NIC', leftOn: null }, 'IT-RM', '2026-05-04')).toEqual({ path: '/employerOrgId', message: 'organisation belongs to another site (CY-NIC)' });
    expect(employerReferenceProblem({ siteCode: 'IT-RM', leftOn: d('2026-05-04') }, 'IT-RM', '2026-05-04')).toEqual({ path: '/employerOrgId', message: 'organisation left the cluster on 2026-05-04' });
    expect(employerReferenceProblem({ siteCode: 'IT-RM', leftOn: d('2026-01-31') }, 'IT-RM', '2026-05-04')?.message).toBe('organisation left the cluster on 2026-01-31');
  });
});
