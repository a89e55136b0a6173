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
  beneficiary_id: string;
  data: string;
  topic: string;
  partition: number;
  offset: string;
}

@Injectable()
export class IngestRepository {
  constructor(private readonly ch: ClickHouseService) {}

  async insert(rows: EventRow[]): Promise<void> {
    await this.ch.client.insert({ table: `${this.ch.database}.events`, values: rows, format: 'JSONEachRow' });
  }

  async stats(): Promise<{ events: number; lastEventTime: string | null }> {
    const [row] = await this.ch.rows<{ events: string; last: string | null }>(`SELECT count() AS events, if(count() = 0, NULL, toString(max(time))) AS last FROM ${this.ch.database}.events FINAL`);
    return { events: Number(row?.events ?? 0), lastEventTime: row?.last ?? null };
  }
}
