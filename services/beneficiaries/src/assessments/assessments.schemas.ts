import { Type, type Static } from '@sinclair/typebox';
import { Barrier, Closed, IsoDate, RecommendedActivity, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

export const CreateAssessmentBody = Closed({
  assessedOn: IsoDate,
  skills: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
    maxItems: 100,
    description: "Free text about the person's skills: kept in this service only, deleted on erasure",
  }),
  // Categories only. meic.beneficiary.assessed.v2 carries them as sets, health merged with other (art. 9).
  barriers: Type.Array(Barrier, { uniqueItems: true }),
  recommendedActivities: Type.Array(RecommendedActivity, { uniqueItems: true }),
});
export type CreateAssessmentBody = Static<typeof CreateAssessmentBody>;

export const AssessmentView = Type.Object({
  id: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  ...CreateAssessmentBody.properties,
  createdAt: Type.String({ format: 'date-time' }),
});
export type AssessmentView = Static<typeof AssessmentView>;

export const AssessmentList = pageOf(AssessmentView);

export const AssessmentListQuery = Closed({ ...pageQuery });
export type AssessmentListQuery = Static<typeof AssessmentListQuery>;
