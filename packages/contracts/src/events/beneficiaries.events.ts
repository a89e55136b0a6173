import { Type, type Static } from '@sinclair/typebox';
import { ContractType, EventBarrier, EventDropoutReason, IsoDate, NaceSection, OrganisationType, PathwayStage, ProgrammeCode, RecommendedActivity, TaskKind, Uuid } from '../primitives';
import { eventData, Nullable, personFacts, siteFacts } from './common';

export const BeneficiaryEnrolledV1 = eventData(
  'meic.beneficiary.enrolled.v1',
  'A person entered a MEIC pathway at a site. occurredOn is the enrolment date.',
  {
    ...siteFacts,
    ...personFacts,
    programme: ProgrammeCode,
  },
);
export type BeneficiaryEnrolledV1 = Static<typeof BeneficiaryEnrolledV1>;

export const BeneficiaryConsentRecordedV1 = eventData(
  'meic.beneficiary.consent-recorded.v1',
  "The person's consent to evaluation follow-up as now in force: at enrolment and whenever it changes. occurredOn is the day it was recorded. Analytics keeps a person in record-level evaluation extracts only while it is true.",
  {
    ...siteFacts,
    beneficiaryId: Uuid,
    evaluationFollowUp: Type.Boolean(),
  },
);
export type BeneficiaryConsentRecordedV1 = Static<typeof BeneficiaryConsentRecordedV1>;

export const BeneficiaryAssessedV2 = eventData(
  'meic.beneficiary.assessed.v2',
  "A needs and skills assessment was recorded. Only categories leave the service; the skills themselves stay in the person's record. Health never travels: it is merged with other barriers as personal_or_other (GDPR art. 9).",
  {
    ...siteFacts,
    ...personFacts,
    assessmentId: Uuid,
    barriers: Type.Array(EventBarrier, { uniqueItems: true }),
    recommendedActivities: Type.Array(RecommendedActivity, { uniqueItems: true }),
  },
);
export type BeneficiaryAssessedV2 = Static<typeof BeneficiaryAssessedV2>;

export const BeneficiaryPlacedV1 = eventData(
  'meic.beneficiary.placed.v1',
  'A beneficiary started a job. occurredOn is the start date. An employer outside the cluster appears without id (its name stays in the service).',
  {
    ...siteFacts,
    ...personFacts,
    placementId: Uuid,
    employerOrgId: Nullable(Uuid),
    employerOrgType: Nullable(OrganisationType),
    contractType: ContractType,
    hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 80 }),
    naceSector: NaceSection,
  },
);
export type BeneficiaryPlacedV1 = Static<typeof BeneficiaryPlacedV1>;

export const BeneficiaryFollowedUpV1 = eventData(
  'meic.beneficiary.followed-up.v1',
  'The 3-, 6- or 12-month follow-up of a placement. occurredOn is the day it was recorded.',
  {
    ...siteFacts,
    ...personFacts,
    placementId: Uuid,
    placedOn: IsoDate,
    monthsAfterPlacement: Type.Union([Type.Literal(3), Type.Literal(6), Type.Literal(12)]),
    employed: Type.Boolean(),
  },
);
export type BeneficiaryFollowedUpV1 = Static<typeof BeneficiaryFollowedUpV1>;

export const BeneficiaryDroppedOutV2 = eventData(
  'meic.beneficiary.dropped-out.v2',
  'A beneficiary left the pathway early. occurredOn is the drop-out date. Health never travels: it is merged with other reasons as personal_or_other (GDPR art. 9).',
  {
    ...siteFacts,
    ...personFacts,
    reason: EventDropoutReason,
  },
);
export type BeneficiaryDroppedOutV2 = Static<typeof BeneficiaryDroppedOutV2>;

export const BeneficiaryErasedV1 = eventData(
  'meic.beneficiary.erased.v1',
  "A beneficiary's personal data was erased (GDPR art. 17). Consumers drop everything record-level they hold about this id; only anonymous counts may remain.",
  {
    ...siteFacts,
    beneficiaryId: Uuid,
  },
);
export type BeneficiaryErasedV1 = Static<typeof BeneficiaryErasedV1>;

export const PathwayStageChangedV1 = eventData('meic.pathway.stage-changed.v1', "A beneficiary's pathway moved to another stage. occurredOn is the date of the fact that moved it.", {
  ...siteFacts,
  ...personFacts,
  from: Nullable(PathwayStage),
  to: PathwayStage,
});
export type PathwayStageChangedV1 = Static<typeof PathwayStageChangedV1>;

export const PathwayTaskRaisedV1 = eventData('meic.pathway.task-raised.v1', 'A pathway deadline passed without the expected event: a caseworker task. occurredOn is the day it was raised.', {
  ...siteFacts,
  beneficiaryId: Uuid,
  taskId: Uuid,
  kind: TaskKind,
  dueOn: IsoDate,
});
export type PathwayTaskRaisedV1 = Static<typeof PathwayTaskRaisedV1>;
