import { activePer100 } from './clusters';
import { CLUSTERS_FIXTURE, hidden, shown } from '@/charts/cluster.fixture';

describe('activePer100', () => {
  const rome = CLUSTERS_FIXTURE.groups[1]!;

  it('is the service’s figure while both counts it comes from are shown', () => {
    expect(activePer100(rome)).toBe(0.9);
    expect(activePer100({ ...rome, activePer100: null })).toBeNull();
  });

  it('is hidden with either count it is derived from, whatever the server sent', () => {
    expect(activePer100({ ...rome, activeMembers: hidden })).toBeNull();
    expect(activePer100({ ...rome, enrolled: hidden, activeMembers: shown(9) })).toBeNull();
  });
});
