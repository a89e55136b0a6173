import { Inject, Injectable } from '@nestjs/common';
import { ALL_TOPICS, type CloudEvent } from '@meic/contracts';
import { HostedEventConsumer, KAFKA, LOGGER, Metrics, ok, ReadinessRegistry, type EventMeta, type StepResult } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestService } from './ingest.service';

export const INGEST_GROUP = Symbol('INGEST_GROUP');

/** Every topic of the registry flows into ClickHouse; unreadable events go to the group's DLQ. */
@Injectable()
export class IngestConsumer extends HostedEventConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(INGEST_GROUP) groupId: string,
    metrics: Metrics,
    readiness: ReadinessRegistry,
    private readonly ingest: IngestService,
  ) {
    super({ kafka, logger, groupId, metrics, readiness }, ALL_TOPICS);
  }

  async dispatch(event: CloudEvent, meta: EventMeta): Promise<StepResult> {
    await this.ingest.store(event, meta);
    return ok;
  }
}
