import { CLUSTERS_FIXTURE, hidden, shown } from './cluster.fixture';
import { contributionRows, contributionTable, describeContributions, transformProps, type ContributionLabels } from './cluster-contributions.transform';

const labels: ContributionLabels = { type: (t) => t, kinds: { internships: 'Internships', placements: 'Placements', courses: 'Courses' }, suppressed: 'suppressed' };
type Series = { id?: string; data?: unknown[] };
const series = (id: string) => ((transformProps(CLUSTERS_FIXTURE, { labels, formatNumber: String }).series as Series[]) ?? []).find((s) => s.id === id);

describe('contribution rows', () => {
  it('lists the selection’s contributions per type, leaving out types that contributed nothing', () => {
    expect(contributionRows(CLUSTERS_FIXTURE, (t) => t).map((r) => [r.type, r.counts.internships.value, r.counts.placements.value, r.counts.courses.value])).toEqual([
      ['vet_provider', 0, 0, 70],
      ['enterprise', 230, 40, 0],
    ]);
  });
});

describe('transformProps (contributions)', () => {
  it('draws each kind per type, bottom-up on the category axis', () => {
    expect(series('bar-internships')?.data).toEqual([230, 0]);
    expect(series('bar-courses')?.data).toEqual([0, 70]);
  });
});

describe('contribution table', () => {
  it('has each group’s types, hidden counts as suppressed (not 0), and the selection in the footer', () => {
    const table = contributionTable(CLUSTERS_FIXTURE, (g) => g.key, { caption: 'c', group: 'g', type: 't', totals: 'All', typeLabel: (t) => t, kinds: labels.kinds });
    const lyon = table.rows.filter((r) => r.cells[0] === 'FR-LYO');
    expect(lyon.map((r) => r.cells)).toEqual([
      ['FR-LYO', 'vet_provider', shown(0), shown(0), hidden],
      ['FR-LYO', 'enterprise', hidden, shown(0), shown(0)],
    ]);
    expect(table.rows.find((r) => r.key === 'IT-RM|enterprise')?.cells).toEqual(['IT-RM', 'enterprise', shown(222), hidden, shown(0)]);
    expect(table.footer?.map((r) => r.cells[1])).toEqual(['vet_provider', 'enterprise']);
  });
  it('reads the figures of each type, and says when there is nothing', () => {
    const text = describeContributions(contributionRows(CLUSTERS_FIXTURE, (t) => t), labels, { overall: (v) => `${v.n}. ${v.details}`, none: 'none' }, String);
    expect(text).toBe('2. vet_provider: Internships 0, Placements 0, Courses 70. enterprise: Internships 230, Placements 40, Courses 0.');
    expect(describeContributions([], labels, { overall: () => '', none: 'none' }, String)).toBe('none');
  });
});

describe('transformProps (contributions), a hidden count', () => {
  it('leaves a gap for it and writes "suppressed" in its slot', () => {
    const totals = { ...CLUSTERS_FIXTURE.totals, byType: CLUSTERS_FIXTURE.totals.byType.map((t) => (t.type === 'enterprise' ? { ...t, placements: hidden } : t)) };
    const option = transformProps({ ...CLUSTERS_FIXTURE, totals }, { labels, formatNumber: String });
    const s = (id: string) => ((option.series as Series[]) ?? []).find((x) => x.id === id);
    // rows bottom-up: enterprise (0), vet_provider (1)
    expect(s('bar-placements')?.data).toEqual([null, 0]);
    expect(s('suppressed-placements')?.data).toEqual([[0, 0]]);
  });
});
