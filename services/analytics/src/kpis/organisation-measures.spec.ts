import type { Principal } from '@meic/service-kit';
import type { SiteDirectory } from './kpi-engine.service';
import { publishContributionsByType, publishMembersAllTypes, publishMembersByType } from './organisation-measures';
import type { ContributionCounts, OrganisationCounts, SiteRow } from './participants.repository';
import type { Reading } from '../disclosure/disclosure.service';
import { testDisclosure } from '../testing/test-disclosure';

const row = (code: string, country: string, programme: string): SiteRow => ({
  site_code: code,
  country,
  programme,
  name: code,
  city: code,
  cluster_name: 'c',
  target_enrolled: 10,
  target_placed: 5,
  target_women_share_pct: 50,
});
const rows = [row('IT-RM', 'IT', 'AMIL'), row('IT-MI', 'IT', 'LIME'), row('GR-ATH', 'GR', 'AMIL')];
const directory: SiteDirectory = {
  refs: rows.map((r) => ({ code: r.site_code, country: r.country, programme: r.programme })),
  info: new Map(rows.map((r) => [r.site_code, r])),
};
const org = (site_code: string, type: string, members: number, active: number): OrganisationCounts => ({ site_code, type, members, active, provided_course: 0, hosted_internship: active, hired: 0 });
// Rome: 1 enterprise (active), 2 universities; Athens: 1 local authority. Every count is below 5.
const organisations = [org('IT-RM', 'enterprise', 1, 1), org('IT-RM', 'university', 2, 0), org('GR-ATH', 'local_authority', 1, 0)];
// Rome's enterprises hosted 3 internships and placed 1 person; Milan's 40 internships.
const contributions: ContributionCounts[] = [
  { site_code: 'IT-RM', org_type: 'enterprise', internships: { n: 3, key: 4_000_000_000 }, placements: { n: 1, key: 17 }, courses: { n: 0, key: 0 } },
  { site_code: 'IT-MI', org_type: 'enterprise', internships: { n: 40, key: 2_000_000_000 }, placements: { n: 0, key: 0 }, courses: { n: 0, key: 0 } },
];

const disclosure = testDisclosure();
const at = new Date('2026-12-31T00:00:00Z');
const readingOf = (principal: Principal): Promise<Reading> => disclosure.reading(principal, { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' }, at);
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const athens: Principal = { sub: 's', role: 'site_staff', sites: ['GR-ATH'] };
const byType = <T>(published: { type: string; measures: Record<string, T> }[], type: string) => published.find((t) => t.type === type)?.measures;

describe('publishMembersByType / publishMembersAllTypes (organisations: published as counted)', () => {
  it('shows a consortium lead member counts below minCell, per type and over all types, at every level', async () => {
    const members = publishMembersByType(await readingOf(lead), directory, organisations, ['members', 'active']);
    expect(byType(members, 'enterprise')?.members?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'enterprise')?.active?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'university')?.members?.cell('country', 'IT')).toEqual({ value: 2, suppressed: false });
    expect(byType(members, 'local_authority')?.members?.cell('programme', 'AMIL')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'trade_union')?.members?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
    const all = publishMembersAllTypes(await readingOf(lead), directory, organisations, ['members', 'active']);
    expect(all.members?.cell('site', 'IT-RM')).toEqual({ value: 3, suppressed: false });
    expect(all.members?.cell('total', '')).toEqual({ value: 4, suppressed: false });
    expect(all.active?.cell('site', 'GR-ATH')).toEqual({ value: 0, suppressed: false });
  });

  it('still confines site_staff to their own sites', async () => {
    const all = publishMembersAllTypes(await readingOf(athens), directory, organisations, ['members']);
    expect(all.members?.cell('total', '')).toEqual({ value: 1, suppressed: false });
    expect(all.members?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
  });
});

describe('publishContributionsByType (people: protected)', () => {
  it('perturbs for a consortium lead: a count below minCell never shows as itself, true zeros stay zero', async () => {
    const contributed = byType(publishContributionsByType(await readingOf(lead), directory, contributions, ['internships', 'placements', 'courses']), 'enterprise');
    for (const v of [contributed?.internships?.cell('site', 'IT-RM').value, contributed?.placements?.cell('site', 'IT-RM').value]) expect(v === 0 || (v as number) >= 5).toBe(true);
    expect(Math.abs((contributed?.internships?.cell('site', 'IT-MI').value as number) - 40)).toBeLessThanOrEqual(4);
    expect(contributed?.courses?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
  });

  it('shows site_staff their own contributions as counted', async () => {
    const rome: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };
    const contributed = byType(publishContributionsByType(await readingOf(rome), directory, contributions, ['placements']), 'enterprise');
    expect(contributed?.placements?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
  });
});
