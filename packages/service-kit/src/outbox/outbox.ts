import { toKafkaRecord, type CloudEvent } from '@meic/contracts';

/**
 * The row a service writes into `outbox_events` in the same transaction as its state
 * change. Column names match the table every service's first migration creates.
 */
export interface OutboxRow {
  eventId: string;
  topic: string;
  messageKey: string;
  headers: Record<string, string>;
  value: string;
}

export function outboxRow(event: CloudEvent): OutboxRow {
  const record = toKafkaRecord(event);
  return { eventId: event.id, topic: record.topic, messageKey: record.key, headers: record.headers, value: record.value };
}
