import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { BeneficiaryReferencesModule, PersonRecordsModule, serviceTokenOf, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule, openApiDocument, type ApiInfo } from '@meic/service-kit';
import type { Logger } from 'pino';
import type { StakeholdersConfig } from './config';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { BeneficiariesService } from './beneficiaries/beneficiaries.service';
import { databaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { MentoringMatchesModule } from './mentoring-matches/mentoring-matches.module';
import { MentorsModule } from './mentors/mentors.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { SitesModule } from './sites/sites.module';
import { TerritorialIndicatorsModule } from './territorial-indicators/territorial-indicators.module';

export const API_INFO: ApiInfo = { title: 'MEIC stakeholders service', version: '1.0.0', description: 'Sites, cluster organisations, territorial indicators, peer mentors and mentoring matches.' };

@Module({})
export class AppModule {
  static register(config: StakeholdersConfig, logger: Logger): DynamicModule {
    const app: DynamicModule = {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'stakeholders', logger, kafkaBrokers: config.KAFKA_BROKERS }),
        PlatformModule.forRoot({
          service: 'stakeholders',
          auth: tokenVerifierOptions(config),
          databaseUrl: config.DATABASE_URL,
          openapi: () => openApiDocument(API_INFO, app),
        }),
        databaseModule(config.DATABASE_URL),
        BeneficiaryReferencesModule.forRoot({ baseUrl: config.BENEFICIARIES_URL, token: serviceTokenOf(config) }),
        OutboxModule.forRoot({ databaseUrl: config.DATABASE_URL, topics: [TOPICS.stakeholders], partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS }),
        SitesModule,
        OrganisationsModule,
        TerritorialIndicatorsModule,
        MentorsModule,
        MentoringMatchesModule,
        PersonRecordsModule.forRoot(BeneficiariesModule, BeneficiariesService),
        EventsModule.forRoot(config.KAFKA_CONSUMER_GROUP),
      ],
    };
    return app;
  }
}
