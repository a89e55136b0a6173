import { Problem, type Principal } from '@meic/service-kit';
import { listSites, requireSiteAccess } from './site-scope';

const staff: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM', 'IT-TO'] };
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };

describe('listSites', () => {
  it('confines site_staff to their sites and leaves the other roles unconfined', () => {
    expect(listSites(staff, undefined)).toEqual(['IT-RM', 'IT-TO']);
    expect(listSites(lead, undefined)).toBeUndefined();
  });

  it('narrows to a filter the caller may see', () => {
    expect(listSites(staff, 'IT-TO')).toEqual(['IT-TO']);
    expect(listSites(lead, 'CY-NIC')).toEqual(['CY-NIC']);
  });

  it('refuses a site_staff filter naming another site with 403', () => {
    expect(() => listSites(staff, 'CY-NIC')).toThrow(Problem);
    expect(() => listSites(staff, 'CY-NIC')).toThrow(expect.objectContaining({ body: expect.objectContaining({ status: 403 }) }));
  });
});

describe('requireSiteAccess', () => {
  it('lets site_staff reach their own sites only', () => {
    expect(() => requireSiteAccess(staff, 'IT-RM')).not.toThrow();
    expect(() => requireSiteAccess(staff, 'GR-ATH')).toThrow(expect.objectContaining({ body: expect.objectContaining({ status: 403, detail: 'You do not work at site GR-ATH.' }) }));
    expect(() => requireSiteAccess(lead, 'GR-ATH')).not.toThrow();
  });
});
