import { Type, type Static } from '@sinclair/typebox';
import { Closed, ContractType, IsoDate, NaceSection, OrganisationType, SiteCode, Uuid } from '@meic/contracts';

export const CreatePlacementBody = Closed({
  employerOrgId: Type.Optional(Type.String({ format: 'uuid', description: "A cluster organisation of the person's site; give this or employerName" })),
  employerName: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'An employer outside the cluster; give this or employerOrgId. Never leaves this service; erased with the person' }),
  ),
  contractType: ContractType,
  hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 80 }),
  naceSector: NaceSection,
  startedOn: IsoDate,
});
export type CreatePlacementBody = Static<typeof CreatePlacementBody>;

export const PlacementView = Type.Object({
  id: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  ...CreatePlacementBody.properties,
  employerOrgType: Type.Optional(OrganisationType),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PlacementView = Static<typeof PlacementView>;

/** A placement as listed for its person: with the months of the follow-ups recorded so far. */
export const PlacementListItem = Type.Object({
  ...PlacementView.properties,
  followUpMonths: Type.Array(Type.Integer(), { description: 'monthsAfterPlacement of the follow-ups recorded, ascending' }),
});
export type PlacementListItem = Static<typeof PlacementListItem>;

/** A person has a handful of placements at most: one unpaginated list, oldest start first. */
export const PlacementList = Type.Object({ items: Type.Array(PlacementListItem) });
export type PlacementList = Static<typeof PlacementList>;
