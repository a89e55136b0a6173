import { Problem, type Principal } from '@meic/service-kit';
import type { SiteDirectory } from '../kpis/kpi-engine.service';
import type { SiteRow } from '../kpis/participants.repository';
import { addMonthsIso, checkConfinement, viewGroups } from './kpi-groups';

const row = (code: string, country: string, programme: string): SiteRow => ({
  site_code: code,
  country,
  programme,
  name: `Site ${code}`,
  city: 'c',
  cluster_name: 'k',
  target_enrolled: 0,
  target_placed: 0,
  target_women_share_pct: 0,
});
const rows = [row('IT-RM', 'IT', 'AMIL'), row('IT-MI', 'IT', 'LIME'), row('GR-ATH', 'GR', 'AMIL')];
const directory: SiteDirectory = { refs: rows.map((r) => ({ code: r.site_code, country: r.country, programme: r.programme })), info: new Map(rows.map((r) => [r.site_code, r])) };
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const staff: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };

const statusOf = (f: () => unknown): number | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof Problem) return e.body.status;
    throw e;
  }
  return undefined;
};

describe('checkConfinement', () => {
  it('refuses site_staff a site or a country outside their sites', () => {
    expect(statusOf(() => checkConfinement(staff, { site: 'IT-MI' }))).toBe(403);
    expect(statusOf(() => checkConfinement(staff, { country: 'GR' }))).toBe(403);
    expect(statusOf(() => checkConfinement(staff, { site: 'IT-RM', country: 'IT' }))).toBeUndefined();
    expect(statusOf(() => checkConfinement(lead, { site: 'IT-MI', country: 'GR' }))).toBeUndefined();
  });
});

describe('viewGroups', () => {
  it('maps groups and totals to plan units given the filters', () => {
    const byCountry = viewGroups(lead, directory, 'country', { programme: 'AMIL' });
    // AMIL sites: IT-RM (IT) and GR-ATH (GR); inside one programme a country is a country × programme unit
    expect(byCountry.groups.map((g) => [g.key, g.unit])).toEqual([
      ['GR', { level: 'countryProgramme', key: 'GR|AMIL' }],
      ['IT', { level: 'countryProgramme', key: 'IT|AMIL' }],
    ]);
    expect(byCountry.totals.unit).toEqual({ level: 'programme', key: 'AMIL' });
    expect(byCountry.totals.sites.map((s) => s.code)).toEqual(['IT-RM', 'GR-ATH']);
  });

  it('shows site_staff their own sites only', () => {
    const v = viewGroups(staff, directory, 'site', {});
    expect(v.groups.map((g) => g.key)).toEqual(['IT-RM']);
    expect(v.totals.unit).toEqual({ level: 'total', key: 'total' });
  });
});

describe('addMonthsIso', () => {
  it('keeps the day of month, clamped to the last day (as ClickHouse addMonths)', () => {
    expect(addMonthsIso('2026-09-30', -24)).toBe('2024-09-30');
    expect(addMonthsIso('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsIso('2025-11-15', 3)).toBe('2026-02-15');
  });
});
