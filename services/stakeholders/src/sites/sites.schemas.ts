import { Type, type Static } from '@sinclair/typebox';
import { Closed, CountryCode, IsoDate, LanguageCode, ProgrammeCode, SiteCode, SiteTargets } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

const siteName = Type.String({ minLength: 1, maxLength: 200 });

export const CreateSiteBody = Closed({
  code: SiteCode,
  name: siteName,
  country: CountryCode,
  city: siteName,
  programme: ProgrammeCode,
  clusterName: siteName,
  startedOn: IsoDate,
  defaultLanguage: LanguageCode,
  targets: SiteTargets,
});
export type CreateSiteBody = Static<typeof CreateSiteBody>;

/** The fields that identify a site or decide where its data goes: fixed once registered. */
export const IMMUTABLE_SITE_FIELDS = ['code', 'country', 'programme'] as const;

/** PATCH: any of the mutable fields; `targets` is replaced as a whole. */
export const PatchSiteBody = Closed({
  name: Type.Optional(siteName),
  city: Type.Optional(siteName),
  clusterName: Type.Optional(siteName),
  startedOn: Type.Optional(IsoDate),
  defaultLanguage: Type.Optional(LanguageCode),
  targets: Type.Optional(SiteTargets),
});
export type PatchSiteBody = Static<typeof PatchSiteBody>;

export const SiteView = Type.Object({
  ...CreateSiteBody.properties,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SiteView = Static<typeof SiteView>;

export const SiteList = pageOf(SiteView);

export const SiteListQuery = Closed({ country: Type.Optional(CountryCode), programme: Type.Optional(ProgrammeCode), ...pageQuery });
export type SiteListQuery = Static<typeof SiteListQuery>;
