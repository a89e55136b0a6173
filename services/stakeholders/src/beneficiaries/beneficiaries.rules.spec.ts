import { beneficiaryRefusal } from './beneficiaries.rules';

describe('beneficiaryRefusal', () => {
  it('accepts a known, not erased beneficiary of the same site', () => {
    expect(beneficiaryRefusal({ siteCode: 'IT-RM', erasedAt: null }, 'IT-RM')).toBeNull();
  });

  it('says why a reference is refused', () => {
    expect(beneficiaryRefusal(null, 'IT-RM')).toBe('unknown beneficiary');
    expect(beneficiaryRefusal({ siteCode: 'IT-RM', erasedAt: new Date() }, 'IT-RM')).toBe('beneficiary was erased');
    expect(beneficiaryRefusal({ siteCode: 'IT-TO', erasedAt: null }, 'IT-RM')).toBe('beneficiary is enrolled at another site, not IT-RM');
  });

  it('gives erasure precedence over the site, so an erased person is never described further', () => {
    expect(beneficiaryRefusal({ siteCode: 'IT-TO', erasedAt: new Date() }, 'IT-RM')).toBe('beneficiary was erased');
  });
});
