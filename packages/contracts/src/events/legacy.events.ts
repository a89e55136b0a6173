import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Barrier, DropoutReason, eventBarriersOf, eventDropoutReasonOf, RecommendedActivity, Uuid } from '../primitives';
import type { EventDataOf, EventType } from '../event-catalog';
import { eventData, personFacts, siteFacts } from './common';

/**
 * Versions no producer may publish any more, kept so that a log written before them still reads.
 * Each is upcast to its successor when it is read (fromKafkaRecord), so no consumer, and no store
 * a consumer fills, ever holds what made it legacy.
 */

const BeneficiaryAssessedV1 = eventData(
  'meic.beneficiary.assessed.v1',
  'Legacy, read only: superseded by meic.beneficiary.assessed.v2 because its barriers could say health (GDPR art. 9).',
  {
    ...siteFacts,
    ...personFacts,
    assessmentId: Uuid,
    barriers: Type.Array(Barrier, { uniqueItems: true }),
    recommendedActivities: Type.Array(RecommendedActivity, { uniqueItems: true }),
  },
);

const BeneficiaryDroppedOutV1 = eventData(
  'meic.beneficiary.dropped-out.v1',
  'Legacy, read only: superseded by meic.beneficiary.dropped-out.v2 because its reason could say health (GDPR art. 9).',
  {
    ...siteFacts,
    ...personFacts,
    reason: DropoutReason,
  },
);

interface LegacyDefinition<S extends TObject, T extends EventType> {
  schema: S;
  successor: T;
  upcast: (data: Static<S>) => EventDataOf<T>;
}

function legacy<S extends TObject, T extends EventType>(def: LegacyDefinition<S, T>): LegacyDefinition<S, T> {
  return def;
}

export const LEGACY_EVENTS = {
  'meic.beneficiary.assessed.v1': legacy({
    schema: BeneficiaryAssessedV1,
    successor: 'meic.beneficiary.assessed.v2',
    upcast: (d) => ({ ...d, barriers: eventBarriersOf(d.barriers) }),
  }),
  'meic.beneficiary.dropped-out.v1': legacy({
    schema: BeneficiaryDroppedOutV1,
    successor: 'meic.beneficiary.dropped-out.v2',
    upcast: (d) => ({ ...d, reason: eventDropoutReasonOf(d.reason) }),
  }),
} as const;

export type LegacyEventType = keyof typeof LEGACY_EVENTS;
export const LEGACY_EVENT_TYPES = Object.keys(LEGACY_EVENTS) as LegacyEventType[];

export function isLegacyEventType(value: string): value is LegacyEventType {
  return Object.prototype.hasOwnProperty.call(LEGACY_EVENTS, value);
}
