import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, LanguageCode, MentoringArea, NaceSection, OrganisationType, ProgrammeCode, Uuid } from '../primitives';
import { eventData, personFacts, siteFacts } from './common';

export const SiteTargets = Type.Object(
  {
    enrolled: Type.Integer({ minimum: 0 }),
    placed: Type.Integer({ minimum: 0 }),
    womenSharePct: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const SiteRegisteredV1 = eventData('meic.site.registered.v1', 'A pilot site joined a programme, with its cluster and targets.', {
  ...siteFacts,
  name: Type.String({ minLength: 1 }),
  city: Type.String({ minLength: 1 }),
  programme: ProgrammeCode,
  clusterName: Type.String({ minLength: 1 }),
  startedOn: siteFacts.occurredOn,
  defaultLanguage: LanguageCode,
  targets: SiteTargets,
});
export type SiteRegisteredV1 = Static<typeof SiteRegisteredV1>;

export const SiteUpdatedV1 = eventData('meic.site.updated.v1', 'A site changed; the event carries the whole new state of the site, not a diff.', {
  ...SiteRegisteredV1.properties,
});
export type SiteUpdatedV1 = Static<typeof SiteUpdatedV1>;

const organisation = {
  organisationId: Uuid,
  name: Type.String({ minLength: 1, description: 'Name of the organisation (a legal person, not personal data)' }),
  type: OrganisationType,
};

export const OrganisationJoinedV1 = eventData('meic.organisation.joined.v1', "An organisation joined a site's cluster. occurredOn is the joining date.", {
  ...siteFacts,
  ...organisation,
  naceSector: Type.Union([NaceSection, Type.Null()]),
  communityOfInterest: Type.Boolean(),
});
export type OrganisationJoinedV1 = Static<typeof OrganisationJoinedV1>;

export const OrganisationLeftV1 = eventData('meic.organisation.left.v1', "An organisation left a site's cluster. occurredOn is the leaving date.", {
  ...siteFacts,
  ...organisation,
});
export type OrganisationLeftV1 = Static<typeof OrganisationLeftV1>;

export const TerritorialIndicatorRecordedV1 = eventData(
  'meic.territorial-indicator.recorded.v1',
  "A value of the site's territorial analysis. occurredOn is the recording date; referenceYear the year the value describes.",
  {
    ...siteFacts,
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    value: Type.Number(),
    referenceYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
    source: Type.String({ minLength: 1 }),
  },
);
export type TerritorialIndicatorRecordedV1 = Static<typeof TerritorialIndicatorRecordedV1>;

export const MentorRegisteredV1 = eventData('meic.mentor.registered.v1', 'A peer mentor (AMIR) became available at a site. The mentor is referred to by id only.', {
  ...siteFacts,
  mentorId: Uuid,
  languages: Type.Array(LanguageCode),
  areas: Type.Array(MentoringArea, { minItems: 1 }),
});
export type MentorRegisteredV1 = Static<typeof MentorRegisteredV1>;

export const MentoringStartedV2 = eventData('meic.mentoring.started.v2', 'A peer mentor was matched with a beneficiary. occurredOn is the start date.', {
  ...siteFacts,
  ...personFacts,
  matchId: Uuid,
  mentorId: Uuid,
  areas: Type.Array(MentoringArea, { minItems: 1 }),
});
export type MentoringStartedV2 = Static<typeof MentoringStartedV2>;

export const MentoringEndedV2 = eventData('meic.mentoring.ended.v2', 'A mentoring match ended. occurredOn is the end date; startedOn repeats the start.', {
  ...siteFacts,
  ...personFacts,
  matchId: Uuid,
  mentorId: Uuid,
  startedOn: IsoDate,
});
export type MentoringEndedV2 = Static<typeof MentoringEndedV2>;
