import { CLUSTERS_FIXTURE, hidden, shown } from './cluster.fixture';
import { describeMembers, memberRows, memberTable, memberTotalsRow, shownTypes, transformProps, type MemberLabels } from './cluster-members.transform';

const labels: MemberLabels = { type: (t) => t.toUpperCase(), hiddenTypes: 'Suppressed types', suppressed: 'suppressed', total: 'All types' };
const options = { count: 'members' as const, labels, groupLabel: (g: { key: string }) => g.key, formatNumber: String };
type Series = { id?: string; data?: unknown[] };
const series = (id: string) => ((transformProps(CLUSTERS_FIXTURE, options).series as Series[]) ?? []).find((s) => s.id === id);

describe('member rows', () => {
  it('keeps every type’s cell and works out what the hidden types make up together', () => {
    const [lyon, rome] = memberRows(CLUSTERS_FIXTURE, 'members', (g) => g.key);
    // Rome: 13 members, enterprise 5 shown, vet_provider hidden → 8 in hidden types
    expect(rome).toMatchObject({ key: 'IT-RM', total: shown(13), hidden: 8 });
    expect(rome?.byType['vet_provider']).toEqual(hidden);
    // Lyon: every non-zero type hidden → the whole 10
    expect(lyon?.hidden).toBe(10);
  });
  it('shows only types that count or hide someone somewhere', () => {
    expect(shownTypes(CLUSTERS_FIXTURE, 'members')).toEqual(['vet_provider', 'enterprise']);
  });
});

describe('transformProps (members by type)', () => {
  it('stacks each shown type per group, top to bottom in the response order, hidden cells as gaps (never 0)', () => {
    // Category axes draw bottom-up, so the rows are reversed: SE-MAL, IT-RM, FR-LYO
    expect(series('type-enterprise')?.data).toEqual([null, 5, null]);
    expect(series('type-vet_provider')?.data).toEqual([null, null, null]);
    expect(series('hidden')?.data).toEqual([8, 8, 10]);
    expect(series('type-trade_union')).toBeUndefined();
  });
});

describe('member table and text alternative', () => {
  const rows = memberRows(CLUSTERS_FIXTURE, 'members', (g) => g.key);
  const totals = memberTotalsRow(CLUSTERS_FIXTURE, 'members', 'All');
  const types = shownTypes(CLUSTERS_FIXTURE, 'members');
  it('has the total and each type per group, suppressed as suppressed, the selection in the footer', () => {
    const table = memberTable(rows, totals, types, { caption: 'c', group: 'g', total: 't', type: labels.type });
    expect(table.columns.map((c) => c.label)).toEqual(['g', 't', 'VET_PROVIDER', 'ENTERPRISE']);
    expect(table.rows[1]?.cells).toEqual(['IT-RM', shown(13), hidden, shown(5)]);
    expect(table.footer?.[0]?.cells).toEqual(['All', shown(31), shown(9), shown(12)]);
  });
  it('reads the selection total and each group', () => {
    const text = describeMembers(rows, totals, types, { overall: (v) => `${v.n}: ${v.total}. ${v.details}`, group: (v) => `${v.group} ${v.total}.` }, labels, String);
    expect(text).toBe('3: 31 (VET_PROVIDER 9, ENTERPRISE 12). FR-LYO 10. IT-RM 13. SE-MAL 8.');
  });
});

describe('transformProps (members by type), colours', () => {
  it('gives a type the same colour in the members and the active chart', () => {
    const colour = (count: 'members' | 'active') =>
      ((transformProps(CLUSTERS_FIXTURE, { ...options, count }).series as { id?: string; itemStyle?: { color?: string } }[]) ?? []).find((s) => s.id === 'type-enterprise')?.itemStyle?.color;
    expect(colour('members')).toBe(colour('active'));
  });
});
