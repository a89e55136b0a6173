import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { CloudEvent, EventType } from '@meic/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Metrics } from '../health/metrics';
import { ReadinessRegistry } from '../health/readiness';
import { KAFKA, LOGGER } from '../runtime.module';
import { drop, EventConsumer, type EventMeta, type StepResult } from './event-consumer';

/** The application's consumer group, from its configuration (see `consumerProviders`). */
export const CONSUMER_GROUP = Symbol('CONSUMER_GROUP');

/** What a hosted consumer needs from the platform (KAFKA, LOGGER, its group, Metrics, ReadinessRegistry). */
export interface HostedConsumerDeps {
  kafka: Kafka;
  logger: Logger;
  groupId: string;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  /** Its name on /readyz, when an application runs more than one consumer (default `kafka-consumer`). */
  readinessName?: string;
}

/**
 * The platform's parts every hosted consumer of an application takes, injected as one provider
 * so a consumer's constructor names only what its own steps need.
 */
@Injectable()
export class ConsumerPlatform implements HostedConsumerDeps {
  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    @Inject(LOGGER) readonly logger: Logger,
    @Inject(CONSUMER_GROUP) readonly groupId: string,
    readonly metrics: Metrics,
    readonly readiness: ReadinessRegistry,
  ) {}

  /** The parts for a second consumer of the application, which needs a group (`<group>.<name>`) and a readiness name of its own. */
  beside(name: string): HostedConsumerDeps {
    const { kafka, logger, metrics, readiness } = this;
    return { kafka, logger, metrics, readiness, groupId: `${this.groupId}.${name}`, readinessName: `kafka-consumer-${name}` };
  }
}

/** What a module hosting consumers provides: its group id and the ConsumerPlatform built on it. */
export function consumerProviders(groupId: string): Provider[] {
  return [{ provide: CONSUMER_GROUP, useValue: groupId }, ConsumerPlatform];
}

/** A consumer in either mode, as the application hosts it. */
export interface RunnableConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  readinessCheck: () => Promise<void>;
}

/**
 * A Nest provider that runs one consumer with the application: it joins its group on bootstrap
 * and from then on reports on /readyz (as `kafka-consumer` unless named), and leaves the group on
 * shutdown.
 */
export abstract class HostedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly runnable: RunnableConsumer;

  protected constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly readinessName = 'kafka-consumer',
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runnable.start();
    this.readiness.register(this.readinessName, this.runnable.readinessCheck);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runnable.stop();
  }
}

/** A step per event type a consumer uses, each typed by its event; a type without one is dropped. */
export type EventHandlers = { [T in EventType]?: (event: CloudEvent<T>, meta?: EventMeta) => Promise<StepResult> };

/**
 * The message mode hosted: a subclass injects the ConsumerPlatform and what its steps need,
 * passes the platform (with a group and readiness name of its own when it runs beside another
 * consumer) and its topics to this constructor, and lists its steps in `handlers`. An event of a
 * type it lists no step for is dropped with that reason: a new event type touches only the
 * consumers that use it.
 */
export abstract class HostedEventConsumer extends HostedConsumer {
  protected readonly runnable: EventConsumer;
  protected abstract readonly handlers: EventHandlers;

  protected constructor(deps: HostedConsumerDeps, topics: readonly string[]) {
    super(deps.readiness, deps.readinessName);
    this.runnable = new EventConsumer({
      kafka: deps.kafka,
      groupId: deps.groupId,
      topics,
      logger: deps.logger,
      registry: deps.metrics.registry,
      handle: (event, meta) => this.dispatch(event, meta),
    });
  }

  /** One valid event, as EventConsumerOptions.handle: throws only for transient failures. */
  dispatch(event: CloudEvent, meta?: EventMeta): Promise<StepResult> {
    const handler = this.handlers[event.type] as ((e: CloudEvent, m?: EventMeta) => Promise<StepResult>) | undefined;
    return handler ? handler(event, meta) : Promise.resolve(drop(`${event.type} is not used by this consumer`));
  }
}
