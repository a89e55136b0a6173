import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service';

export interface EventRow {
  event_id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  site_code: string;
  country: string;
  occurred_on: string;
  pseudonym: string;
  data: string;
  topic: string;
  partition: number;
  offset: string;
}

export interface DeadLetterRow {
  group_id: string;
  topic: string;
  partition: number;
  offset: string;
  event_id: string;
  type: string;
  reason: string;
}

export interface PartitionStats {
  topic: string;
  partition: number;
  events: number;
  lastEventTime: string | null;
}

export interface DeadLetterStats {
  topic: string;
  partition: number;
  deadLettered: number;
}

/**
 * Both tables are ReplacingMergeTrees keyed by what makes a row unique (the CloudEvents id; the
 * source position of a dead letter). A redelivered record is inserted again and collapsed, so
 * every count here reads `FINAL`.
 */
@Injectable()
export class IngestRepository {
  constructor(private readonly ch: ClickHouseService) {}

  async insert(rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ch.client.insert({ table: `${this.ch.database}.events`, values: rows, format: 'JSONEachRow' });
  }

  async insertDeadLetters(rows: DeadLetterRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ch.client.insert({ table: `${this.ch.database}.dead_letters`, values: rows, format: 'JSONEachRow' });
  }

  async stats(): Promise<{ events: number; lastEventTime: string | null }> {
    const [row] = await this.ch.rows<{ events: string; last: string | null }>(`SELECT count() AS events, if(count() = 0, NULL, toString(max(time))) AS last FROM ${this.ch.database}.events FINAL`);
    return { events: Number(row?.events ?? 0), lastEventTime: row?.last ?? null };
  }

  /** Events stored (deduplicated) and the latest `ce_time` per topic and partition they were read from. */
  async partitionStats(): Promise<PartitionStats[]> {
    const rows = await this.ch.rows<{ topic: string; partition: number; events: string; last: string }>(
      `SELECT topic, partition, count() AS events, toString(max(time)) AS last FROM ${this.ch.database}.events FINAL GROUP BY topic, partition ORDER BY topic, partition`,
    );
    return rows.map((r) => ({ topic: r.topic, partition: Number(r.partition), events: Number(r.events), lastEventTime: r.last }));
  }

  async deadLetterStats(groupId: string): Promise<DeadLetterStats[]> {
    const rows = await this.ch.rows<{ topic: string; partition: number; n: string }>(
      `SELECT topic, partition, count() AS n FROM ${this.ch.database}.dead_letters FINAL WHERE group_id = {group:String} GROUP BY topic, partition ORDER BY topic, partition`,
      { group: groupId },
    );
    return rows.map((r) => ({ topic: r.topic, partition: Number(r.partition), deadLettered: Number(r.n) }));
  }
}
