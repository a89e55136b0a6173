import { Injectable } from '@nestjs/common';
import type { CloudEvent } from '@meic/contracts';
import { IngestRepository, type DeadLetterRow, type EventRow } from './ingest.repository';

/** ClickHouse wants `YYYY-MM-DD hh:mm:ss.sss` for DateTime64 in JSONEachRow. */
const chTime = (iso: string) => iso.replace('T', ' ').replace('Z', '');

/** What the ingest consumer batches: a valid event to store, or the record of a dead letter. */
export type IngestItem = { kind: 'event'; row: EventRow } | { kind: 'dead-letter'; row: DeadLetterRow };

@Injectable()
export class IngestService {
  constructor(private readonly events: IngestRepository) {}

  toRow(event: CloudEvent, meta: { topic: string; partition: number; offset: string }): EventRow {
    const data = event.data as { siteCode: string; country: string; occurredOn: string; pseudonym?: string };
    return {
      event_id: event.id,
      type: event.type,
      source: event.source,
      subject: event.subject,
      time: chTime(new Date(event.time).toISOString()),
      site_code: data.siteCode,
      country: data.country,
      occurred_on: data.occurredOn,
      pseudonym: data.pseudonym ?? '',
      data: JSON.stringify(event.data),
      topic: meta.topic,
      partition: meta.partition,
      offset: meta.offset,
    };
  }

  /** Stores one event; storing it again (redelivery) is collapsed by the table's event_id key. */
  async store(event: CloudEvent, meta: { topic: string; partition: number; offset: string }): Promise<void> {
    await this.events.insert([this.toRow(event, meta)]);
  }

  /** Stores one batch: the events, then the dead letters. Both are idempotent, so a retry is harmless. */
  async storeBatch(items: readonly IngestItem[]): Promise<void> {
    const events: EventRow[] = [];
    const deadLetters: DeadLetterRow[] = [];
    for (const item of items) {
      if (item.kind === 'event') events.push(item.row);
      else deadLetters.push(item.row);
    }
    await this.events.insert(events);
    await this.events.insertDeadLetters(deadLetters);
  }
}
