import { Type, type Static } from '@sinclair/typebox';
import { Closed, CountryCode, InternshipOutcome, IsoDate, Nullable, OrganisationType, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

export const CreateInternshipBody = Closed({
  beneficiaryId: Uuid,
  hostOrgId: Uuid,
  siteCode: SiteCode,
  startedOn: IsoDate,
  plannedEndOn: IsoDate,
});
export type CreateInternshipBody = Static<typeof CreateInternshipBody>;

export const EndInternshipBody = Closed({ endedOn: IsoDate, outcome: InternshipOutcome });
export type EndInternshipBody = Static<typeof EndInternshipBody>;

/** An internship: pseudonymous (the person's id only). */
export const InternshipView = Type.Object({
  id: Uuid,
  beneficiaryId: Uuid,
  hostOrgId: Uuid,
  hostOrgType: OrganisationType,
  siteCode: SiteCode,
  country: CountryCode,
  startedOn: IsoDate,
  plannedEndOn: IsoDate,
  endedOn: Nullable(IsoDate),
  outcome: Nullable(InternshipOutcome),
  createdAt: Type.String({ format: 'date-time' }),
});
export type InternshipView = Static<typeof InternshipView>;

export const InternshipListQuery = Closed({ siteCode: Type.Optional(SiteCode), beneficiaryId: Type.Optional(Uuid), ...pageQuery });
export type InternshipListQuery = Static<typeof InternshipListQuery>;

export const InternshipPage = pageOf(InternshipView);
