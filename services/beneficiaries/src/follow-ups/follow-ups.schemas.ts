import { Type, type Static } from '@sinclair/typebox';
import { Closed, IsoDate, SiteCode, Uuid } from '@meic/contracts';

export const CreateFollowUpBody = Closed({
  placementId: Uuid,
  monthsAfterPlacement: Type.Union([Type.Literal(3), Type.Literal(6), Type.Literal(12)]),
  employed: Type.Boolean({ description: 'Still employed at the follow-up' }),
  recordedOn: IsoDate,
});
export type CreateFollowUpBody = Static<typeof CreateFollowUpBody>;

export const FollowUpView = Type.Object({
  id: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  ...CreateFollowUpBody.properties,
  placedOn: IsoDate,
  createdAt: Type.String({ format: 'date-time' }),
});
export type FollowUpView = Static<typeof FollowUpView>;
