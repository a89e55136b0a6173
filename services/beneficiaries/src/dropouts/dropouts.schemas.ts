import { Type, type Static } from '@sinclair/typebox';
import { Closed, DropoutReason, IsoDate, SiteCode, Uuid } from '@meic/contracts';

export const CreateDropoutBody = Closed({
  // A category, never free text: a reason in words could identify the person.
  reason: DropoutReason,
  on: IsoDate,
});
export type CreateDropoutBody = Static<typeof CreateDropoutBody>;

export const DropoutView = Type.Object({
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  ...CreateDropoutBody.properties,
});
export type DropoutView = Static<typeof DropoutView>;
