import { Type, type Static } from '@sinclair/typebox';
import { Closed, IsoDate, NaceSection, ORGANISATION_TYPES, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery, stringEnum } from '@meic/service-kit';

const OrganisationType = stringEnum(ORGANISATION_TYPES);

export const CreateOrganisationBody = Closed({
  name: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Key of the organisation within its site' }),
  type: OrganisationType,
  siteCode: SiteCode,
  naceSector: Type.Optional(NaceSection),
  joinedOn: IsoDate,
  communityOfInterest: Type.Optional(Type.Boolean({ default: false, description: 'Member of the Community of Interest (default false)' })),
});
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const LeaveOrganisationBody = Closed({ leftOn: IsoDate });
export type LeaveOrganisationBody = Static<typeof LeaveOrganisationBody>;

export const OrganisationView = Type.Object({
  id: Uuid,
  siteCode: SiteCode,
  name: Type.String(),
  type: OrganisationType,
  naceSector: Type.Union([NaceSection, Type.Null()]),
  communityOfInterest: Type.Boolean(),
  joinedOn: IsoDate,
  leftOn: Type.Union([IsoDate, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type OrganisationView = Static<typeof OrganisationView>;

export const OrganisationList = pageOf(OrganisationView);

export const OrganisationListQuery = Closed({ siteCode: Type.Optional(SiteCode), type: Type.Optional(OrganisationType), ...pageQuery });
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;
