import { randomUUID } from 'node:crypto';
import { sourceOf, subjectOf, topicOf, type EventDataOf, type EventType } from './event-catalog';
import { retiredReason } from './events/retired.events';
import { validateEventData, type FieldError } from './validation';

/** A CloudEvents 1.0 event whose `data` is one of the contract's event payloads. */
export interface CloudEvent<T extends EventType = EventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: EventDataOf<T>;
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/**
 * Builds an event and validates it against its JSON Schema, so a producer can never hand
 * the outbox something consumers would dead-letter.
 */
export function buildEvent<T extends EventType>(type: T, data: EventDataOf<T>, opts: { id?: string; time?: Date } = {}): CloudEvent<T> {
  const result = validateEventData(type, data);
  if (!result.ok) throw new InvalidEventError(result.reason, result.errors);
  return {
    specversion: '1.0',
    id: opts.id ?? randomUUID(),
    source: sourceOf(type),
    type,
    time: (opts.time ?? new Date()).toISOString(),
    subject: subjectOf(type, data),
    datacontenttype: 'application/json',
    data,
  };
}

export interface KafkaRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Kafka binary content mode: attributes as `ce_*` headers, the body is `data` alone. */
export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  return {
    topic: topicOf(event.type),
    key: event.subject,
    value: JSON.stringify(event.data),
    headers: {
      ce_specversion: event.specversion,
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
      ce_time: event.time,
      ce_subject: event.subject,
      'content-type': event.datacontenttype,
    },
  };
}

export type ParsedRecord =
  | { ok: true; event: CloudEvent }
  /** `retired`: a type no one reads any more (events/retired.events.ts): drop it, do not dead-letter it. */
  | { ok: false; reason: string; id: string | null; type: string | null; retired?: true };

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

function header(headers: RawHeaders | undefined, name: string): string | null {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? null : first.toString();
}

/** Reads a record in binary mode and validates its data; never throws, so consumers can dead-letter (or drop a retired type). */
export function fromKafkaRecord(message: { value: Buffer | string | null; headers?: RawHeaders }): ParsedRecord {
  const id = header(message.headers, 'ce_id');
  const type = header(message.headers, 'ce_type');
  const specversion = header(message.headers, 'ce_specversion');
  const source = header(message.headers, 'ce_source');
  const time = header(message.headers, 'ce_time');
  const subject = header(message.headers, 'ce_subject');
  if (!id || !type || !source || !time || !subject) {
    return { ok: false, reason: 'missing CloudEvents header (ce_id, ce_type, ce_source, ce_time, ce_subject)', id, type };
  }
  const retired = retiredReason(type);
  if (retired) return { ok: false, retired: true, reason: `${type} ${retired}`, id, type };
  if (specversion !== '1.0') return { ok: false, reason: `unsupported ce_specversion '${specversion}'`, id, type };
  if (message.value === null) return { ok: false, reason: 'empty body', id, type };
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString());
  } catch (e) {
    return { ok: false, reason: `body is not JSON: ${(e as Error).message}`, id, type };
  }
  const result = validateEventData(type, data);
  if (!result.ok) return { ok: false, reason: result.reason, id, type };
  return {
    ok: true,
    event: { specversion: '1.0', id, source, type: result.type, time, subject, datacontenttype: 'application/json', data: result.data },
  };
}
