import { Type, type Static } from '@sinclair/typebox';
import { CefrLevel, Closed, CourseOutcome, IsoDate, Nullable, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

export const CreateEnrolmentBody = Closed({
  beneficiaryId: Uuid,
  enrolledOn: IsoDate,
  cefrLevelAtStart: Type.Optional(CefrLevel),
});
export type CreateEnrolmentBody = Static<typeof CreateEnrolmentBody>;

export const CompletionBody = Closed({
  outcome: CourseOutcome,
  completedOn: IsoDate,
  hoursAttended: Type.Number({ minimum: 0, maximum: 10000 }),
  cefrLevelReached: Type.Optional(CefrLevel),
});
export type CompletionBody = Static<typeof CompletionBody>;

export const CompletionView = Type.Object({
  outcome: CourseOutcome,
  completedOn: IsoDate,
  hoursAttended: Type.Number(),
  cefrLevelReached: Nullable(CefrLevel),
});
export type CompletionView = Static<typeof CompletionView>;

/** A person on a course: pseudonymous (id and levels), never personal data. */
export const EnrolmentView = Type.Object({
  courseId: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  enrolledOn: IsoDate,
  cefrLevelAtStart: Nullable(CefrLevel),
  completion: Nullable(CompletionView),
  createdAt: Type.String({ format: 'date-time' }),
});
export type EnrolmentView = Static<typeof EnrolmentView>;

export const EnrolmentListQuery = Closed({
  completed: Type.Optional(Type.Boolean({ description: 'true: only enrolments with a completion (any outcome); false: only open ones' })),
  ...pageQuery,
});
export type EnrolmentListQuery = Static<typeof EnrolmentListQuery>;

export const EnrolmentPage = pageOf(EnrolmentView);
