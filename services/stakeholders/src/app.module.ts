import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { type ApiInfo, BeneficiaryReferencesModule, PersonRecordsModule, serviceApp, serviceTokenOf } from '@meic/service-kit';
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
    return serviceApp(AppModule, {
      service: 'stakeholders',
      api: API_INFO,
      config,
      logger,
      database: { url: config.DATABASE_URL, outbox: { topic: TOPICS.stakeholders, partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS } },
      features: [
        databaseModule(config.DATABASE_URL),
        BeneficiaryReferencesModule.forRoot({ baseUrl: config.BENEFICIARIES_URL, token: serviceTokenOf(config) }),
        SitesModule,
        OrganisationsModule,
        TerritorialIndicatorsModule,
        MentorsModule,
        MentoringMatchesModule,
        PersonRecordsModule.forRoot(BeneficiariesModule, BeneficiariesService),
        EventsModule.forRoot(config.KAFKA_CONSUMER_GROUP),
      ],
    });
  }
}
