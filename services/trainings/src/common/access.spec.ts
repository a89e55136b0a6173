import { Problem, type Principal } from '@meic/service-kit';
import { assertCanReadPersonLevel, assertCanWriteAt } from './access';

const admin: Principal = { sub: 'a', role: 'admin', sites: [] };
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const evaluator: Principal = { sub: 'e', role: 'evaluator', sites: [] };
const staff: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM', 'CY-NIC'] };

function statusOf(f: () => unknown): number | 'allowed' {
  try {
    f();
    return 'allowed';
  } catch (e) {
    if (e instanceof Problem) return e.body.status;
    throw e;
  }
}

describe('access rules', () => {
  it('writes: admin anywhere, site_staff at their own sites, nobody else', () => {
    expect(statusOf(() => assertCanWriteAt(admin, 'GR-ATH'))).toBe('allowed');
    expect(statusOf(() => assertCanWriteAt(staff, 'CY-NIC'))).toBe('allowed');
    expect(statusOf(() => assertCanWriteAt(staff, 'GR-ATH'))).toBe(403);
    expect(statusOf(() => assertCanWriteAt(lead, 'IT-RM'))).toBe(403);
    expect(statusOf(() => assertCanWriteAt(evaluator, 'IT-RM'))).toBe(403);
  });

  it('person-level reads: admin, site_staff of the site; never evaluators or consortium_lead', () => {
    expect(statusOf(() => assertCanReadPersonLevel(admin, 'GR-ATH'))).toBe('allowed');
    expect(statusOf(() => assertCanReadPersonLevel(evaluator, 'GR-ATH'))).toBe(403);
    expect(statusOf(() => assertCanReadPersonLevel(staff, 'IT-RM'))).toBe('allowed');
    expect(statusOf(() => assertCanReadPersonLevel(staff, 'GR-ATH'))).toBe(403);
    expect(statusOf(() => assertCanReadPersonLevel(lead, 'IT-RM'))).toBe(403);
  });
});
