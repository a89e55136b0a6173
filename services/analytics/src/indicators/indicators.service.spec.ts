import type { Principal } from '@meic/service-kit';
import { KpiEngine } from '../kpis/kpi-engine.service';
import type { ContributionCounts, CountTable, OrganisationCounts, ParticipantsRepository, SiteRow } from '../kpis/participants.repository';
import { testDisclosure } from '../testing/test-disclosure';
import { loadCatalogue } from './indicator-catalogue';
import { IndicatorsService } from './indicators.service';
import type { IndicatorsResponse } from './indicators.schemas';

const site = (code: string, programme: string): SiteRow => ({
  site_code: code,
  country: code.slice(0, 2),
  programme,
  name: code,
  city: code,
  cluster_name: 'c',
  target_enrolled: 10,
  target_placed: 5,
  target_women_share_pct: 50,
});
const org = (site_code: string, type: string, members: number, active: number, hired: number): OrganisationCounts => ({ site_code, type, members, active, provided_course: 0, hosted_internship: 0, hired });
// Every organisation count is below minCell (5): one enterprise at Rome that hired, two VET providers at Nicosia.
const organisations = [org('IT-RM', 'enterprise', 1, 1, 1), org('CY-NIC', 'vet_provider', 2, 0, 0)];
// Rome's enterprise placed 2 people (below minCell); Nicosia's enterprises hosted 12 internships.
const contributions: ContributionCounts[] = [
  { site_code: 'IT-RM', org_type: 'enterprise', internships: { n: 0, key: 0 }, placements: { n: 2, key: 3_000_000_000 }, courses: { n: 0, key: 0 } },
  { site_code: 'CY-NIC', org_type: 'enterprise', internships: { n: 12, key: 1_234_567 }, placements: { n: 0, key: 0 }, courses: { n: 0, key: 0 } },
];

function service(): IndicatorsService {
  // A unit test of the service's own logic: the repository is replaced by fixed rows.
  const repo = {
    sites: async () => [site('IT-RM', 'AMIL'), site('CY-NIC', 'AMIR')],
    participantSites: async () => [],
    organisationCounts: async () => organisations,
    contributionCounts: async () => contributions,
    countTable: async (): Promise<CountTable> => ({ totals: {}, cells: {} }),
  } as unknown as ParticipantsRepository;
  const full = loadCatalogue();
  const catalogue = { ...full, indicators: full.indicators.filter((d) => d.code === 'MEIC-14' || d.code === 'MEIC-15') };
  return new IndicatorsService(catalogue, new KpiEngine(repo, testDisclosure()));
}

const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const at = new Date('2026-12-31T00:00:00Z');
const counts = (r: IndicatorsResponse, code: string, type: string) => r.indicators.find((i) => i.code === code)?.byType.find((t) => t.type === type)?.counts;

describe('IndicatorsService, MEIC-14 and MEIC-15 for a consortium lead', () => {
  it('publishes organisation counts below minCell as counted (MEIC-14): organisations are not people', async () => {
    const r = await service().evaluate(lead, { period: '2026' }, at);
    expect(counts(r, 'MEIC-14', 'enterprise')).toEqual({
      members: { value: 1, suppressed: false },
      active: { value: 1, suppressed: false },
      providedCourse: { value: 0, suppressed: false },
      hostedInternship: { value: 0, suppressed: false },
      hired: { value: 1, suppressed: false },
    });
    expect(counts(r, 'MEIC-14', 'vet_provider')?.members).toEqual({ value: 2, suppressed: false });
    const cyprus = await service().evaluate(lead, { period: '2026', site: 'CY-NIC' }, at);
    expect(counts(cyprus, 'MEIC-14', 'vet_provider')?.members).toEqual({ value: 2, suppressed: false });
    expect(counts(cyprus, 'MEIC-14', 'enterprise')?.members).toEqual({ value: 0, suppressed: false });
  });

  it('perturbs contribution counts (MEIC-15 counts people): a 2 never shows as itself, a 12 within 4 of itself', async () => {
    const rome = await service().evaluate(lead, { period: '2026', site: 'IT-RM' }, at);
    const placements = counts(rome, 'MEIC-15', 'enterprise')?.placements?.value as number;
    expect(placements === 0 || placements >= 5).toBe(true);
    const nicosia = await service().evaluate(lead, { period: '2026', site: 'CY-NIC' }, at);
    const internships = counts(nicosia, 'MEIC-15', 'enterprise')?.internships?.value as number;
    expect(Math.abs(internships - 12)).toBeLessThanOrEqual(4);
    expect(counts(nicosia, 'MEIC-15', 'enterprise')?.placements).toEqual({ value: 0, suppressed: false });
  });

  it('shows site_staff their own site’s contributions as counted, and nothing of another site', async () => {
    const r = await service().evaluate({ sub: 's', role: 'site_staff', sites: ['IT-RM'] }, { period: '2026' }, at);
    expect(counts(r, 'MEIC-15', 'enterprise')?.placements).toEqual({ value: 2, suppressed: false });
    expect(counts(r, 'MEIC-14', 'vet_provider')?.members).toEqual({ value: 0, suppressed: false });
  });
});
