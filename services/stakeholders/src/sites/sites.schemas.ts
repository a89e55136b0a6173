import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, IsoDate, LanguageCode, ProgrammeCode, SiteCode, SiteTargets } from '@meic/contracts';

export const CreateSiteBody = Type.Object(
  {
    code: SiteCode,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    country: CountryCode,
    city: Type.String({ minLength: 1, maxLength: 200 }),
    programme: ProgrammeCode,
    clusterName: Type.String({ minLength: 1, maxLength: 200 }),
    startedOn: IsoDate,
    defaultLanguage: LanguageCode,
    targets: SiteTargets,
  },
  { additionalProperties: false },
);
export type CreateSiteBody = Static<typeof CreateSiteBody>;

export const SiteView = Type.Object({
  ...CreateSiteBody.properties,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SiteView = Static<typeof SiteView>;

export const SiteList = Type.Object({ items: Type.Array(SiteView) });

export const SiteListQuery = Type.Object(
  { country: Type.Optional(CountryCode), programme: Type.Optional(ProgrammeCode) },
  { additionalProperties: false },
);
export type SiteListQuery = Static<typeof SiteListQuery>;
