import { beneficiaryRefusal } from './beneficiaries.rules';

describe('beneficiaryRefusal', () => {
  it('accepts a beneficiary of the same site', () => {
    expect(beneficiaryRefusal({ siteCode: 'IT-RM' }, 'IT-RM')).toBeNull();
  });

  it('says why a reference is refused: unknown and erased are one answer', () => {
    expect(beneficiaryRefusal(null, 'IT-RM')).toBe('unknown or erased beneficiary');
    expect(beneficiaryRefusal({ siteCode: 'IT-TO' }, 'IT-RM')).toBe('beneficiary is enrolled at another site, not IT-RM');
  });
});
