import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { auditRoutes, buildOpenApi, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule } from '@meic/service-kit';
import type { Logger } from 'pino';
import type { TrainingsConfig } from './config';
import { databaseModule } from './database/database.module';

@Module({})
export class AppModule {
  static register(config: TrainingsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'trainings', logger, kafkaBrokers: config.KAFKA_BROKERS }),
        PlatformModule.forRoot({
          service: 'trainings',
          auth: tokenVerifierOptions(config),
          databaseUrl: config.DATABASE_URL,
          openapi: buildOpenApi({ title: 'MEIC trainings service', version: '1.0.0', description: 'Courses, enrolments, completions and internships.' }, auditRoutes),
        }),
        databaseModule(config.DATABASE_URL),
        OutboxModule.forRoot({ databaseUrl: config.DATABASE_URL, topics: [TOPICS.trainings], partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS }),
      ],
    };
  }
}
