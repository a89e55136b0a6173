import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { auditRoutes, buildOpenApi, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule } from '@meic/service-kit';
import type { Logger } from 'pino';
import type { StakeholdersConfig } from './config';
import { databaseModule } from './database/database.module';
import { sitesRoutes } from './sites/sites.controller';
import { SitesModule } from './sites/sites.module';

@Module({})
export class AppModule {
  static register(config: StakeholdersConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'stakeholders', logger, kafkaBrokers: config.KAFKA_BROKERS }),
        PlatformModule.forRoot({
          service: 'stakeholders',
          auth: tokenVerifierOptions(config),
          databaseUrl: config.DATABASE_URL,
          openapi: buildOpenApi({ title: 'MEIC stakeholders service', version: '1.0.0', description: 'Sites, cluster organisations, territorial indicators and mentors.' }, [...sitesRoutes, ...auditRoutes]),
        }),
        databaseModule(config.DATABASE_URL),
        OutboxModule.forRoot({ databaseUrl: config.DATABASE_URL, topics: [TOPICS.stakeholders], partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS }),
        SitesModule,
      ],
    };
  }
}
