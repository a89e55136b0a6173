import { Type, type Static } from '@sinclair/typebox';
import { ContractType, EventBarrier, EventDropoutReason, IsoDate, NaceSection, OrganisationType, PathwayStage, ProgrammeCode, RecommendedActivity, TaskKind, Uuid } from '../primitives';
import { eventData, Nullable, personFacts, Pseudonym, siteFacts } from './common';

export const BeneficiaryEnrolledV2 = eventData(
  'meic.beneficiary.enrolled.v2',
  'A person entered a MEIC pathway at a site. occurredOn is the enrolment date.',
  {
    ...siteFacts,
    ...personFacts,
    programme: ProgrammeCode,
  },
);
export type BeneficiaryEnrolledV2 = Static<typeof BeneficiaryEnrolledV2>;

export const BeneficiaryConsentRecordedV2 = eventData(
  'meic.beneficiary.consent-recorded.v2',
  "The person's consent to evaluation follow-up as now in force: at enrolment and whenever it changes. occurredOn is the day it was recorded. Analytics keeps a person in record-level evaluation extracts only while it is true.",
  {
    ...siteFacts,
    pseudonym: Pseudonym,
    evaluationFollowUp: Type.Boolean(),
  },
);
export type BeneficiaryConsentRecordedV2 = Static<typeof BeneficiaryConsentRecordedV2>;

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

export const BeneficiaryPlacedV2 = eventData(
  'meic.beneficiary.placed.v2',
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
export type BeneficiaryPlacedV2 = Static<typeof BeneficiaryPlacedV2>;

export const BeneficiaryFollowedUpV2 = eventData(
  'meic.beneficiary.followed-up.v2',
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
export type BeneficiaryFollowedUpV2 = Static<typeof BeneficiaryFollowedUpV2>;

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

export const BeneficiaryErasedV2 = eventData(
  'meic.beneficiary.erased.v2',
  "A beneficiary was erased (GDPR art. 17). Consumers delete what they hold about this pseudonym that links to the person; only anonymous counts may remain. The beneficiaries service has forgotten which beneficiary the pseudonym stood for.",
  {
    ...siteFacts,
    pseudonym: Pseudonym,
  },
);
export type BeneficiaryErasedV2 = Static<typeof BeneficiaryErasedV2>;

export const PathwayStageChangedV2 = eventData('meic.pathway.stage-changed.v2', "A beneficiary's pathway moved to another stage. occurredOn is the date of the fact that moved it.", {
  ...siteFacts,
  ...personFacts,
  from: Nullable(PathwayStage),
  to: PathwayStage,
});
export type PathwayStageChangedV2 = Static<typeof PathwayStageChangedV2>;

export const PathwayTaskRaisedV2 = eventData('meic.pathway.task-raised.v2', 'A pathway deadline passed without the expected event: a caseworker task. occurredOn is the day it was raised.', {
  ...siteFacts,
  pseudonym: Pseudonym,
  taskId: Uuid,
  kind: TaskKind,
  dueOn: IsoDate,
});
export type PathwayTaskRaisedV2 = Static<typeof PathwayTaskRaisedV2>;
