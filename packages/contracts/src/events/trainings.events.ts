import { Type, type Static } from '@sinclair/typebox';
import { CefrLevel, CourseOutcome, CourseType, InternshipOutcome, IsoDate, OrganisationType, Uuid } from '../primitives';
import { eventData, Nullable, personFacts, siteFacts } from './common';

const course = {
  courseId: Uuid,
  courseType: CourseType,
};

export const CourseCreatedV1 = eventData('meic.course.created.v1', 'A course was planned at a site. occurredOn is the day it was recorded.', {
  ...siteFacts,
  ...course,
  title: Type.String({ minLength: 1 }),
  providerOrgId: Uuid,
  providerOrgType: OrganisationType,
  hours: Type.Number({ exclusiveMinimum: 0 }),
  startsOn: IsoDate,
  endsOn: IsoDate,
  cefrTarget: Nullable(CefrLevel),
});
export type CourseCreatedV1 = Static<typeof CourseCreatedV1>;

export const CourseEnrolledV2 = eventData('meic.course.enrolled.v2', 'A beneficiary was enrolled on a course. occurredOn is the enrolment date.', {
  ...siteFacts,
  ...personFacts,
  ...course,
  cefrLevelAtStart: Nullable(CefrLevel),
});
export type CourseEnrolledV2 = Static<typeof CourseEnrolledV2>;

export const CourseCompletedV2 = eventData(
  'meic.course.completed.v2',
  'A beneficiary left a course: completed, failed or withdrawn. occurredOn is the leaving date.',
  {
    ...siteFacts,
    ...personFacts,
    ...course,
    outcome: CourseOutcome,
    hoursAttended: Type.Number({ minimum: 0 }),
    cefrTarget: Nullable(CefrLevel),
    cefrLevelAtStart: Nullable(CefrLevel),
    cefrLevelReached: Nullable(CefrLevel),
  },
);
export type CourseCompletedV2 = Static<typeof CourseCompletedV2>;

const internship = {
  internshipId: Uuid,
  hostOrgId: Uuid,
  hostOrgType: OrganisationType,
};

export const InternshipStartedV2 = eventData('meic.internship.started.v2', 'A beneficiary started an internship (tirocinio). occurredOn is the start date.', {
  ...siteFacts,
  ...personFacts,
  ...internship,
  plannedEndOn: IsoDate,
});
export type InternshipStartedV2 = Static<typeof InternshipStartedV2>;

export const InternshipEndedV2 = eventData('meic.internship.ended.v2', 'An internship ended. occurredOn is the end date.', {
  ...siteFacts,
  ...personFacts,
  ...internship,
  startedOn: IsoDate,
  outcome: InternshipOutcome,
});
export type InternshipEndedV2 = Static<typeof InternshipEndedV2>;
