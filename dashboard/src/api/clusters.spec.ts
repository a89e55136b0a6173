import { parseClustersResponse } from './clusters';
import { CLUSTERS_FIXTURE } from '../charts/cluster.fixture';
import { ResponseShapeError } from './validate';

describe('parseClustersResponse', () => {
  it('accepts a response of the service', () => {
    const parsed = parseClustersResponse(JSON.parse(JSON.stringify(CLUSTERS_FIXTURE)));
    expect(parsed.groups.map((g) => [g.key, g.activePer100])).toEqual([
      ['FR-LYO', 40],
      ['IT-RM', 0.9],
      ['SE-MAL', 31.8],
    ]);
    expect(parsed.types).toEqual(['vet_provider', 'enterprise', 'trade_union']);
  });
  it('never keeps a number in a suppressed cell, nor an intensity built on one', () => {
    const body = JSON.parse(JSON.stringify(CLUSTERS_FIXTURE)) as { groups: { activeMembers: unknown; activePer100: unknown; byType: { members: unknown }[] }[] };
    const g = body.groups[1];
    if (!g) throw new Error('fixture');
    g.activeMembers = { value: 9, suppressed: true };
    const first = g.byType[0];
    if (first) first.members = { value: 3, suppressed: true };
    const parsed = parseClustersResponse(body);
    expect(parsed.groups[1]?.activeMembers).toEqual({ value: null, suppressed: true });
    expect(parsed.groups[1]?.activePer100).toBeNull();
    expect(parsed.groups[1]?.byType[0]?.members).toEqual({ value: null, suppressed: true });
  });
  it('reports an unexpected body by where it is wrong', () => {
    expect(() => parseClustersResponse({ ...CLUSTERS_FIXTURE, types: 'x' })).toThrow(ResponseShapeError);
    const bad = { ...CLUSTERS_FIXTURE, totals: { ...CLUSTERS_FIXTURE.totals, byType: [{ type: 'enterprise', members: 3 }] } };
    expect(() => parseClustersResponse(bad)).toThrow('$.totals.byType[0].members');
  });
});
