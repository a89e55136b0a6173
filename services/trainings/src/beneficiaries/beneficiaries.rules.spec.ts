import { beneficiaryReferenceProblem } from './beneficiaries.rules';

describe('beneficiary references', () => {
  it('accepts a beneficiary of the same site', () => {
    expect(beneficiaryReferenceProblem({ siteCode: 'IT-RM' }, 'IT-RM', '/beneficiaryId')).toBeNull();
  });

  it('refuses unknown or erased (one answer: the beneficiaries service tells them apart to no one) and other-site beneficiaries, saying why', () => {
    expect(beneficiaryReferenceProblem(null, 'IT-RM', '/beneficiaryId')).toEqual({ path: '/beneficiaryId', message: 'unknown or erased beneficiary' });
    expect(beneficiaryReferenceProblem({ siteCode: 'CY-NIC' }, 'IT-RM', '/beneficiaryId')).toEqual({
      path: '/beneficiaryId',
      message: 'beneficiary is enrolled at site CY-NIC, not IT-RM',
    });
  });
});
