import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from '@meic/contracts';

export const ChangeConsentBody = Type.Object(
  {
    evaluationFollowUp: Type.Optional(Type.Boolean({ description: 'Consent to the 3/6/12-month follow-ups and to record-level evaluation extracts' })),
    dataProcessing: Type.Optional(Type.Boolean({ description: 'false withdraws consent to any processing: the person is erased (GDPR art. 7(3), 17)' })),
    recordedOn: IsoDate,
  },
  { additionalProperties: false, description: 'At least one of evaluationFollowUp and dataProcessing, and the day the person gave or withdrew it' },
);
export type ChangeConsentBody = Static<typeof ChangeConsentBody>;

export const ConsentView = Type.Object({
  dataProcessing: Type.Boolean(),
  evaluationFollowUp: Type.Boolean(),
  recordedOn: IsoDate,
  /** Present when withdrawing consent to processing erased the person. */
  erased: Type.Optional(Type.Boolean()),
});
export type ConsentView = Static<typeof ConsentView>;
