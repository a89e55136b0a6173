import { beneficiaryReferenceProblem } from './beneficiaries.rules';

describe('beneficiary references', () => {
  it('accepts a known, not erased beneficiary of the same site', () => {
    expect(beneficiaryReferenceProblem({ siteCode: 'IT-RM', erased: false }, 'IT-RM', '/beneficiaryId')).toBeNull();
  });

  it('refuses unknown, erased and other-site beneficiaries, saying why', () => {
    expect(beneficiaryReferenceProblem(null, 'IT-RM', '/beneficiaryId')).toEqual({ path: '/beneficiaryId', message: 'unknown beneficiary' });
    expect(beneficiaryReferenceProblem({ siteCode: 'IT-RM', erased: true }, 'IT-RM', '/beneficiaryId')).toEqual({ path: '/beneficiaryId', message: 'beneficiary was erased' });
    expect(beneficiaryReferenceProblem({ siteCode: 'CY-NIC', erased: false }, 'IT-RM', '/beneficiaryId')).toEqual({
      path: '/beneficiaryId',
      message: 'beneficiary is enrolled at site CY-NIC, not IT-RM',
    });
  });

  it('says "erased" before "other site": erasure is the reason that matters', () => {
    expect(beneficiaryReferenceProblem({ siteCode: 'CY-NIC', erased: true }, 'IT-RM', '/beneficiaryId')?.message).toBe('beneficiary was erased');
  });
});
