// A cut-down /v1/kpis/clusters response (consortium_lead, minCell 5, grouped by site), shared by the
// clusters chart specs. Numbers as the demo programme gives them.
import type { ClusterFigures, ClustersResponse, ClusterTypeFigures } from '@/api/clusters';
import type { Count, Rate } from '@/api/types';

export const shown = (value: number): Count => ({ value, suppressed: false });
export const hidden: Count = { value: null, suppressed: true };
const rate = (value: number, low: number, high: number, numerator: number, denominator: number): Rate => ({ value, low, high, numerator, denominator, suppressed: false });
export const hiddenRate: Rate = { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };

const type = (t: string, c: Partial<Omit<ClusterTypeFigures, 'type'>>): ClusterTypeFigures => ({
  type: t,
  members: shown(0),
  active: shown(0),
  internships: shown(0),
  placements: shown(0),
  courses: shown(0),
  ...c,
});

const TYPES = ['vet_provider', 'enterprise', 'trade_union'];

const rome: ClusterFigures = {
  enrolled: shown(1000),
  placementRatePct: rate(24.7, 22.1, 27.5, 247, 1000),
  members: shown(13),
  activeMembers: shown(9),
  activePer100: 0.9,
  byType: [type('vet_provider', { members: hidden, active: hidden, courses: shown(60) }), type('enterprise', { members: shown(5), active: shown(5), internships: shown(222), placements: hidden }), type('trade_union', {})],
};
const lyon: ClusterFigures = {
  enrolled: shown(20),
  placementRatePct: rate(25, 11.2, 46.9, 5, 20),
  members: shown(10),
  activeMembers: shown(8),
  activePer100: 40,
  byType: [type('vet_provider', { members: hidden, active: hidden, courses: hidden }), type('enterprise', { members: hidden, active: hidden, internships: hidden }), type('trade_union', {})],
};
const malmo: ClusterFigures = {
  enrolled: shown(22),
  placementRatePct: hiddenRate,
  members: shown(8),
  activeMembers: shown(7),
  activePer100: 31.8,
  byType: [type('vet_provider', { members: hidden, active: hidden }), type('enterprise', { members: hidden, active: hidden }), type('trade_union', {})],
};

export const CLUSTERS_FIXTURE: ClustersResponse = {
  groupBy: 'site',
  filters: { from: '1900-01-01', to: '2299-12-31', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  disclosure: { method: 'cell-key', asOf: '2026-10-31', minCell: 5, maxPerturbation: 4, releaseBlock: 10, minAtRisk: 10 },
  generatedAt: '2026-11-24T14:40:00.000Z',
  types: TYPES,
  groups: [
    { key: 'FR-LYO', label: 'AMIR Lyon (FR-LYO)', country: 'FR', programme: 'AMIR', ...lyon },
    { key: 'IT-RM', label: 'MEIC Roma (IT-RM)', country: 'IT', programme: 'AMIL', ...rome },
    { key: 'SE-MAL', label: 'AMIR Malmö (SE-MAL)', country: 'SE', programme: 'AMIR', ...malmo },
  ],
  totals: {
    enrolled: shown(1042),
    placementRatePct: rate(24.7, 22.2, 27.4, 257, 1042),
    members: shown(31),
    activeMembers: shown(24),
    activePer100: 2.3,
    byType: [type('vet_provider', { members: shown(9), active: shown(8), courses: shown(70) }), type('enterprise', { members: shown(12), active: shown(11), internships: shown(230), placements: shown(40) }), type('trade_union', {})],
  },
};
