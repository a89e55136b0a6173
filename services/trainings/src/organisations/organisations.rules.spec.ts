import { organisationReferenceProblem } from './organisations.rules';

describe('organisation references', () => {
  it('accepts an organisation of the same site that has not left', () => {
    expect(organisationReferenceProblem({ siteCode: 'IT-RM', leftOn: null }, 'IT-RM', '2026-03-01', '/providerOrgId')).toBeNull();
  });

  it('refuses an unknown organisation', () => {
    expect(organisationReferenceProblem(null, 'IT-RM', '2026-03-01', '/hostOrgId')).toEqual({ path: '/hostOrgId', message: 'unknown organisation' });
  });

  it('refuses an organisation of another site, saying which', () => {
    expect(organisationReferenceProblem({ siteCode: 'CY-NIC', leftOn: null }, 'IT-RM', '2026-03-01', '/providerOrgId')).toEqual({
      path: '/providerOrgId',
      message: 'organisation belongs to the cluster of site CY-NIC, not IT-RM',
    });
  });

  it('refuses an organisation that left on or before the date, not one leaving later', () => {
    expect(organisationReferenceProblem({ siteCode: 'IT-RM', leftOn: '2026-03-01' }, 'IT-RM', '2026-03-01', '/hostOrgId')).toEqual({ path: '/hostOrgId', message: 'organisation left the cluster on 2026-03-01' });
    expect(organisationReferenceProblem({ siteCode: 'IT-RM', leftOn: '2026-02-01' }, 'IT-RM', '2026-03-01', '/hostOrgId')?.message).toBe('organisation left the cluster on 2026-02-01');
    expect(organisationReferenceProblem({ siteCode: 'IT-RM', leftOn: '2026-03-02' }, 'IT-RM', '2026-03-01', '/hostOrgId')).toBeNull();
  });
});
