import type { Static, TObject } from '@sinclair/typebox';
import * as B from './events/beneficiaries.events';
import * as S from './events/stakeholders.events';
import * as T from './events/trainings.events';
import { SOURCES, TOPICS, type TopicKey } from './topics';

interface EventDefinition<S extends TObject> {
  /** The producing service: decides topic and CloudEvents source. */
  producer: TopicKey;
  schema: S;
  /** Message key and ce_subject: the beneficiary where there is one, so a person's events stay in order. */
  subject: (data: Static<S>) => string;
}

function define<S extends TObject>(def: EventDefinition<S>): EventDefinition<S> {
  return def;
}

/**
 * Every event type producers publish, by its versioned `ce_type`. A breaking change is a new entry
 * (`….v2`), never an edit; the old version moves to LEGACY_EVENTS (events/legacy.events.ts) with
 * an upcaster, so logs written before the change still read.
 */
export const EVENT_CATALOG = {
  'meic.site.registered.v1': define({ producer: 'stakeholders', schema: S.SiteRegisteredV1, subject: (d) => d.siteCode }),
  'meic.site.updated.v1': define({ producer: 'stakeholders', schema: S.SiteUpdatedV1, subject: (d) => d.siteCode }),
  'meic.organisation.joined.v1': define({ producer: 'stakeholders', schema: S.OrganisationJoinedV1, subject: (d) => d.organisationId }),
  'meic.organisation.left.v1': define({ producer: 'stakeholders', schema: S.OrganisationLeftV1, subject: (d) => d.organisationId }),
  'meic.territorial-indicator.recorded.v1': define({ producer: 'stakeholders', schema: S.TerritorialIndicatorRecordedV1, subject: (d) => d.siteCode }),
  'meic.mentor.registered.v1': define({ producer: 'stakeholders', schema: S.MentorRegisteredV1, subject: (d) => d.mentorId }),
  'meic.mentoring.started.v2': define({ producer: 'stakeholders', schema: S.MentoringStartedV2, subject: (d) => d.pseudonym }),
  'meic.mentoring.ended.v2': define({ producer: 'stakeholders', schema: S.MentoringEndedV2, subject: (d) => d.pseudonym }),
  'meic.course.created.v1': define({ producer: 'trainings', schema: T.CourseCreatedV1, subject: (d) => d.courseId }),
  'meic.course.enrolled.v2': define({ producer: 'trainings', schema: T.CourseEnrolledV2, subject: (d) => d.pseudonym }),
  'meic.course.completed.v2': define({ producer: 'trainings', schema: T.CourseCompletedV2, subject: (d) => d.pseudonym }),
  'meic.internship.started.v2': define({ producer: 'trainings', schema: T.InternshipStartedV2, subject: (d) => d.pseudonym }),
  'meic.internship.ended.v2': define({ producer: 'trainings', schema: T.InternshipEndedV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.enrolled.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryEnrolledV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.consent-recorded.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryConsentRecordedV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.assessed.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryAssessedV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.placed.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryPlacedV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.followed-up.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryFollowedUpV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.dropped-out.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryDroppedOutV2, subject: (d) => d.pseudonym }),
  'meic.beneficiary.erased.v2': define({ producer: 'beneficiaries', schema: B.BeneficiaryErasedV2, subject: (d) => d.pseudonym }),
  'meic.pathway.stage-changed.v2': define({ producer: 'beneficiaries', schema: B.PathwayStageChangedV2, subject: (d) => d.pseudonym }),
  'meic.pathway.task-raised.v2': define({ producer: 'beneficiaries', schema: B.PathwayTaskRaisedV2, subject: (d) => d.pseudonym }),
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventDataOf<T extends EventType> = Static<(typeof EVENT_CATALOG)[T]['schema']>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

export function topicOf(type: EventType): string {
  return TOPICS[EVENT_CATALOG[type].producer];
}

export function sourceOf(type: EventType): string {
  return SOURCES[EVENT_CATALOG[type].producer];
}

export function subjectOf<T extends EventType>(type: T, data: EventDataOf<T>): string {
  const def = EVENT_CATALOG[type] as unknown as EventDefinition<TObject>;
  return def.subject(data as Static<TObject>);
}
