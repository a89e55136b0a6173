import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { deadLetterTopic } from '@meic/contracts';
import { KAFKA } from '@meic/service-kit';
import type { Admin, Kafka } from 'kafkajs';
import { INGEST_OPTIONS, type IngestOptions } from './ingest.consumer';
import { IngestRepository } from './ingest.repository';
import type { IngestStatusResponse, PartitionStatus, TopicStatus } from './ingest-status.schemas';

const maxTime = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Lag from the broker (group offsets vs high watermarks), counts from ClickHouse (FINAL). */
@Injectable()
export class IngestStatusService implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(INGEST_OPTIONS) private readonly options: IngestOptions,
    private readonly repository: IngestRepository,
  ) {}

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((e: unknown) => {
      this.admin = undefined;
      throw e;
    });
    return this.admin;
  }

  async status(): Promise<IngestStatusResponse> {
    const { groupId, topics } = this.options;
    const admin = await this.connected();
    const [committed, watermarks, stored, dead] = await Promise.all([
      admin.fetchOffsets({ groupId, topics: [...topics] }),
      Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
      this.repository.partitionStats(),
      this.repository.deadLetterStats(groupId),
    ]);
    const result: TopicStatus[] = watermarks.map(({ topic, offsets }) => {
      const partitions: PartitionStatus[] = offsets
        .map((o) => {
          const c = committed.find((t) => t.topic === topic)?.partitions.find((p) => p.partition === o.partition)?.offset;
          const committedOffset = c === undefined || Number(c) < 0 ? null : Number(c);
          const high = Number(o.high);
          const s = stored.find((r) => r.topic === topic && r.partition === o.partition);
          return {
            partition: o.partition,
            committedOffset,
            highWatermark: high,
            lag: Math.max(0, high - (committedOffset ?? Number(o.low))),
            eventsStored: s?.events ?? 0,
            lastEventTime: s?.lastEventTime ?? null,
            deadLettered: dead.find((r) => r.topic === topic && r.partition === o.partition)?.deadLettered ?? 0,
          };
        })
        .sort((a, b) => a.partition - b.partition);
      return {
        topic,
        deadLetterTopic: deadLetterTopic(topic, groupId),
        lag: partitions.reduce((n, p) => n + p.lag, 0),
        eventsStored: partitions.reduce((n, p) => n + p.eventsStored, 0),
        lastEventTime: partitions.reduce<string | null>((t, p) => maxTime(t, p.lastEventTime), null),
        deadLettered: partitions.reduce((n, p) => n + p.deadLettered, 0),
        partitions,
      };
    });
    return {
      group: groupId,
      batchSize: this.options.batchSize,
      flushMs: this.options.flushMs,
      lag: result.reduce((n, t) => n + t.lag, 0),
      eventsStored: result.reduce((n, t) => n + t.eventsStored, 0),
      lastEventTime: result.reduce<string | null>((t, x) => maxTime(t, x.lastEventTime), null),
      deadLettered: result.reduce((n, t) => n + t.deadLettered, 0),
      topics: result,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }
}
