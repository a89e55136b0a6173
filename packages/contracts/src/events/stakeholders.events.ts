import { Type, type Static } from '@sinclair/typebox';
import { LanguageCode, ProgrammeCode } from '../primitives';
import { eventData, siteFacts } from './common';

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
