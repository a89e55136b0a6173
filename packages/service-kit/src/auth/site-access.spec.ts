import { Problem } from '../problems/problem';
import type { Principal, Role } from './principal';
import { canActAtSite, listSiteScope, requireSiteAccess, siteAccessDenied } from './site-access';

const as = (role: Role, ...sites: string[]): Principal => ({ sub: `test-${role}`, role, sites });
const staff = as('site_staff', 'IT-RM', 'CY-NIC');
const others = [as('admin'), as('consortium_lead'), as('evaluator')];

/** The status a check ends with: 'allowed', or the status of the problem it throws. */
function outcome(check: () => unknown): number | 'allowed' {
  try {
    check();
  } catch (e) {
    if (e instanceof Problem) return e.body.status;
    throw e;
  }
  return 'allowed';
}

describe('requireSiteAccess', () => {
  it('lets every role in, site_staff at their own sites only', () => {
    expect(others.map((p) => outcome(() => requireSiteAccess(p, 'GR-ATH')))).toEqual(['allowed', 'allowed', 'allowed']);
    expect(outcome(() => requireSiteAccess(staff, 'IT-RM'))).toBe('allowed');
    expect(() => requireSiteAccess(staff, 'GR-ATH')).toThrow(expect.objectContaining({ body: expect.objectContaining({ status: 403, detail: 'You do not work at site GR-ATH.' }) }));
  });

  it('names the site in its 403', () => {
    expect(siteAccessDenied('GR-ATH').body).toMatchObject({ status: 403, detail: 'You do not work at site GR-ATH.' });
  });
});

describe('canActAtSite', () => {
  it.each<[Principal, string, Role[], boolean]>([
    [as('admin'), 'GR-ATH', ['admin'], true],
    [staff, 'CY-NIC', ['admin'], true],
    [staff, 'GR-ATH', ['admin'], false],
    [as('consortium_lead'), 'IT-RM', ['admin'], false],
    [as('evaluator'), 'IT-RM', ['admin'], false],
    [as('evaluator'), 'GR-ATH', ['admin', 'evaluator'], true],
    [as('consortium_lead'), 'IT-RM', ['admin', 'evaluator'], false],
  ])('%o at %s with %j acting anywhere: %s', (principal, site, anywhere, expected) => {
    expect(canActAtSite(principal, site, anywhere)).toBe(expected);
  });
});

describe('listSiteScope', () => {
  it('confines site_staff to their sites and leaves the other roles unconfined', () => {
    expect(listSiteScope(staff, undefined)).toEqual(['IT-RM', 'CY-NIC']);
    expect(others.map((p) => listSiteScope(p, undefined))).toEqual([undefined, undefined, undefined]);
  });

  it('narrows to a filter the caller may see', () => {
    expect(listSiteScope(staff, 'CY-NIC')).toEqual(['CY-NIC']);
    expect(listSiteScope(as('consortium_lead'), 'GR-ATH')).toEqual(['GR-ATH']);
  });

  it('refuses a site_staff filter naming another site with 403', () => {
    expect(outcome(() => listSiteScope(staff, 'GR-ATH'))).toBe(403);
    expect(() => listSiteScope(staff, 'GR-ATH')).toThrow(expect.objectContaining({ body: expect.objectContaining({ detail: 'You do not work at site GR-ATH.' }) }));
  });

  it('gives site_staff without sites an empty scope, not everything', () => {
    expect(listSiteScope(as('site_staff'), undefined)).toEqual([]);
  });
});
