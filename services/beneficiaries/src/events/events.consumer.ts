import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { drop, EventConsumer, KAFKA, LOGGER, Metrics, ok, ReadinessRegistry, type StepResult } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { PathwayService } from '../pathway/pathway.service';
import { SitesService } from '../sites/sites.service';

export const CONSUMER_GROUP = Symbol('CONSUMER_GROUP');

/**
 * Facts this service learns from Kafka: sites (its read model) and its own enrolments, which
 * start pathways. One group, one dispatcher; each step calls a service and reports its outcome.
 */
@Injectable()
export class EventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(CONSUMER_GROUP) groupId: string,
    metrics: Metrics,
    private readonly readiness: ReadinessRegistry,
    private readonly sites: SitesService,
    private readonly pathways: PathwayService,
  ) {
    this.consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [TOPICS.stakeholders, TOPICS.beneficiaries],
      logger,
      registry: metrics.registry,
      handle: (event) => this.dispatch(event),
    });
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    const type: EventType = event.type;
    switch (type) {
      case 'meic.site.registered.v1':
        await this.sites.recordRegistered((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.beneficiary.enrolled.v1':
        return (await this.pathways.startFromEnrolment(event as CloudEvent<typeof type>)) ? ok : drop('pathway already closed');
      default: {
        const unhandled: never = type;
        return drop(`not relevant here: ${String(unhandled)}`);
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.readiness.register('kafka-consumer', this.consumer.readinessCheck);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
