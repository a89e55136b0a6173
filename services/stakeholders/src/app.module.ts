import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { auditRoutes, BeneficiaryReferencesModule, PersonRecordsModule, personRecordsRoutes, buildOpenApi, serviceTokenOf, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule } from '@meic/service-kit';
import type { Logger } from 'pino';
import type { StakeholdersConfig } from './config';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { BeneficiariesService } from './beneficiaries/beneficiaries.service';
import { databaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { mentoringMatchesRoutes } from './mentoring-matches/mentoring-matches.controller';
import { MentoringMatchesModule } from './mentoring-matches/mentoring-matches.module';
import { mentorsRoutes } from './mentors/mentors.controller';
import { MentorsModule } from './mentors/mentors.module';
import { organisationsRoutes } from './organisations/organisations.controller';
import { OrganisationsModule } from './organisations/organisations.module';
import { sitesRoutes } from './sites/sites.controller';
import { SitesModule } from './sites/sites.module';
import { territorialIndicatorsRoutes } from './territorial-indicators/territorial-indicators.controller';
import { TerritorialIndicatorsModule } from './territorial-indicators/territorial-indicators.module';

export const stakeholdersRoutes = [...sitesRoutes, ...organisationsRoutes, ...territorialIndicatorsRoutes, ...mentorsRoutes, ...mentoringMatchesRoutes, ...personRecordsRoutes, ...auditRoutes];

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
          openapi: buildOpenApi({ title: 'MEIC stakeholders service', version: '1.0.0', description: 'Sites, cluster organisations, territorial indicators, peer mentors and mentoring matches.' }, stakeholdersRoutes),
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
  }
}
