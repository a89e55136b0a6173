import { Problem, type Principal } from '@meic/service-kit';
import { assertPersonalDataAccess, personalDataSites } from './beneficiaries.access';

const who = (role: Principal['role'], sites: string[] = []): Principal => ({ sub: `u-${role}`, role, sites });
const statusOf = (f: () => unknown): number | 'ok' => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as Problem).getStatus();
  }
};

describe('personal data access', () => {
  it('lets admins and site_staff of the site in, nobody else', () => {
    expect(statusOf(() => assertPersonalDataAccess(who('admin'), 'IT-RM'))).toBe('ok');
    expect(statusOf(() => assertPersonalDataAccess(who('site_staff', ['IT-RM', 'CY-NIC']), 'IT-RM'))).toBe('ok');
    expect(statusOf(() => assertPersonalDataAccess(who('site_staff', ['CY-NIC']), 'IT-RM'))).toBe(403);
    expect(statusOf(() => assertPersonalDataAccess(who('consortium_lead'), 'IT-RM'))).toBe(403);
    expect(statusOf(() => assertPersonalDataAccess(who('evaluator'), 'IT-RM'))).toBe(403);
  });

  it('scopes lists: admins everything or the site asked for, site_staff their own sites', () => {
    expect(personalDataSites(who('admin'), undefined)).toBeUndefined();
    expect(personalDataSites(who('admin'), 'IT-RM')).toEqual(['IT-RM']);
    expect(personalDataSites(who('site_staff', ['IT-RM', 'CY-NIC']), undefined)).toEqual(['IT-RM', 'CY-NIC']);
    expect(personalDataSites(who('site_staff', ['IT-RM', 'CY-NIC']), 'CY-NIC')).toEqual(['CY-NIC']);
  });

  it('refuses a list of another site with 403 rather than an empty page, and roles without personal data', () => {
    expect(statusOf(() => personalDataSites(who('site_staff', ['IT-RM']), 'CY-NIC'))).toBe(403);
    expect(statusOf(() => personalDataSites(who('evaluator'), undefined))).toBe(403);
    expect(statusOf(() => personalDataSites(who('consortium_lead'), 'IT-RM'))).toBe(403);
  });

  it('gives site_staff without sites an empty scope, not everything', () => {
    expect(personalDataSites(who('site_staff', []), undefined)).toEqual([]);
  });
});
