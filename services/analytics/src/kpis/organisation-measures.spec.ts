import type { Principal } from '@meic/service-kit';
import type { SiteDirectory } from './kpi-engine.service';
import { publishContributionsByType, publishMembersAllTypes, publishMembersByType } from './organisation-measures';
import type { ContributionCounts, OrganisationCounts, SiteRow } from './participants.repository';
import { PublisherService } from './publisher.service';

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
  { site_code: 'IT-RM', org_type: 'enterprise', internships: 3, placements: 1, courses: 0 },
  { site_code: 'IT-MI', org_type: 'enterprise', internships: 40, placements: 0, courses: 0 },
];

const publisher = new PublisherService(5);
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const athens: Principal = { sub: 's', role: 'site_staff', sites: ['GR-ATH'] };
const byType = <T>(published: { type: string; measures: Record<string, T> }[], type: string) => published.find((t) => t.type === type)?.measures;

describe('publishMembersByType / publishMembersAllTypes (organisations: published as counted)', () => {
  it('shows a consortium lead member counts below minCell, per type and over all types, at every level', () => {
    const members = publishMembersByType(publisher, lead, directory, organisations, ['members', 'active']);
    expect(byType(members, 'enterprise')?.members?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'enterprise')?.active?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'university')?.members?.cell('country', 'IT')).toEqual({ value: 2, suppressed: false });
    expect(byType(members, 'local_authority')?.members?.cell('programme', 'AMIL')).toEqual({ value: 1, suppressed: false });
    expect(byType(members, 'trade_union')?.members?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
    const all = publishMembersAllTypes(publisher, lead, directory, organisations, ['members', 'active']);
    expect(all.members?.cell('site', 'IT-RM')).toEqual({ value: 3, suppressed: false });
    expect(all.members?.cell('total', '')).toEqual({ value: 4, suppressed: false });
    expect(all.active?.cell('site', 'GR-ATH')).toEqual({ value: 0, suppressed: false });
  });

  it('still confines site_staff to their own sites', () => {
    const all = publishMembersAllTypes(publisher, athens, directory, organisations, ['members']);
    expect(all.members?.cell('total', '')).toEqual({ value: 1, suppressed: false });
    expect(all.members?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
  });
});

describe('publishContributionsByType (people: disclosure-controlled)', () => {
  it('hides from a consortium lead a contribution count below minCell, never as zero, and keeps true zeros', () => {
    const contributed = byType(publishContributionsByType(publisher, lead, directory, contributions, ['internships', 'placements', 'courses']), 'enterprise');
    expect(contributed?.internships?.cell('site', 'IT-RM')).toEqual({ value: null, suppressed: true });
    expect(contributed?.placements?.cell('site', 'IT-RM')).toEqual({ value: null, suppressed: true });
    expect(contributed?.internships?.cell('site', 'IT-MI')).toEqual({ value: 40, suppressed: false });
    expect(contributed?.courses?.cell('site', 'IT-RM')).toEqual({ value: 0, suppressed: false });
  });

  it('shows site_staff their own contributions as counted', () => {
    const rome: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };
    const contributed = byType(publishContributionsByType(publisher, rome, directory, contributions, ['placements']), 'enterprise');
    expect(contributed?.placements?.cell('site', 'IT-RM')).toEqual({ value: 1, suppressed: false });
  });
});
