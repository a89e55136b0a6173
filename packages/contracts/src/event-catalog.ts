import type { Static, TObject } from '@sinclair/typebox';
import { BeneficiaryEnrolledV1 } from './events/beneficiaries.events';
import { SiteRegisteredV1 } from './events/stakeholders.events';
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
 * Every event type on the wire, by its versioned `ce_type`. A breaking change is a new entry
 * (`….v2`) beside the old one, never an edit: consumers must keep reading old versions.
 */
export const EVENT_CATALOG = {
  'meic.site.registered.v1': define({ producer: 'stakeholders', schema: SiteRegisteredV1, subject: (d) => d.siteCode }),
  'meic.beneficiary.enrolled.v1': define({ producer: 'beneficiaries', schema: BeneficiaryEnrolledV1, subject: (d) => d.beneficiaryId }),
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
