import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { openApiDocument, type ApiInfo } from './openapi/openapi';
import { PlatformModule, tokenVerifierOptions } from './platform.module';
import { OutboxModule, RuntimeModule } from './runtime.module';

type Feature = Type<unknown> | DynamicModule | ForwardReference;

/** What every MEIC service's configuration holds of the platform (see @meic/config commonEnv). */
interface PlatformConfig {
  KAFKA_BROKERS: string;
  MEIC_JWT_ISSUER: string;
  MEIC_JWT_AUDIENCE: string;
  MEIC_JWT_PUBLIC_KEY_FILE?: string;
  MEIC_JWT_PUBLIC_KEY?: string;
  MEIC_JWKS_URL?: string;
}

export interface ServiceAppOptions {
  service: string;
  /** OpenAPI title, version and description; the paths come from the controllers. */
  api: ApiInfo;
  config: PlatformConfig;
  logger: Logger;
  /** A service with PostgreSQL: idempotency, the audit log, and (with `outbox`) its topic's relay. */
  database?: { url: string; outbox?: { topic: string; partitions: number; pollIntervalMs: number } };
  /** The service's own modules, in order. */
  features: Feature[];
}

/**
 * The application module every MEIC service is: the runtime (logger, Kafka), the platform (auth,
 * problems, health, metrics, OpenAPI of the whole module), the outbox relay when it publishes,
 * then its features.
 */
export function serviceApp(module: Type<unknown>, opts: ServiceAppOptions): DynamicModule {
  const { service, config, database } = opts;
  const app: DynamicModule = {
    module,
    imports: [
      RuntimeModule.forRoot({ service, logger: opts.logger, kafkaBrokers: config.KAFKA_BROKERS }),
      PlatformModule.forRoot({ service, auth: tokenVerifierOptions(config), databaseUrl: database?.url, openapi: () => openApiDocument(opts.api, app) }),
      ...(database?.outbox ? [OutboxModule.forRoot({ databaseUrl: database.url, topics: [database.outbox.topic], partitions: database.outbox.partitions, pollIntervalMs: database.outbox.pollIntervalMs })] : []),
      ...opts.features,
    ],
  };
  return app;
}
