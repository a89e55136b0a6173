import { Type, type Static } from '@sinclair/typebox';
import { Closed } from '@meic/contracts';
import { CountCell, GroupIdentity, RateCell, ViewHeader, ViewQueryFields } from '../kpi-views/kpi-views.schemas';

export const ClustersQuery = Closed({ ...ViewQueryFields });
export type ClustersQuery = Static<typeof ClustersQuery>;

const ByType = Type.Object({
  type: Type.String({ description: 'Organisation type (contracts ORGANISATION_TYPES), or `unknown`' }),
  members: Type.Object(CountCell.properties, { description: 'Members of this type (organisations): never suppressed' }),
  active: Type.Object(CountCell.properties, { description: 'Active members of this type (organisations): never suppressed' }),
  internships: CountCell,
  placements: CountCell,
  courses: CountCell,
});

const ClusterFigures = {
  enrolled: CountCell,
  placementRatePct: RateCell,
  members: Type.Object(CountCell.properties, { description: 'Cluster members over all types. Organisations, not people: published as counted for every role, never suppressed' }),
  activeMembers: Type.Object(CountCell.properties, { description: 'Members that hosted an internship, provided a course or hired in the period, over all types; never suppressed, as `members`' }),
  activePer100: Type.Union([Type.Number(), Type.Null()], { description: 'Active members per 100 participants enrolled, one decimal; null when either is suppressed or nobody enrolled' }),
  byType: Type.Array(ByType, { description: 'One entry per organisation type, in the order of `types`' }),
};

export const ClustersResponse = Type.Object({
  ...ViewHeader,
  types: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({ ...GroupIdentity, ...ClusterFigures })),
  totals: Type.Object(ClusterFigures),
});
export type ClustersResponse = Static<typeof ClustersResponse>;
export type ClusterFigures = ClustersResponse['totals'];
