import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { BeneficiaryReferencesModule, PersonRecordsModule, serviceTokenOf, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule, openApiDocument, type ApiInfo } from '@meic/service-kit';
import type { Logger } from 'pino';
import type { TrainingsConfig } from './config';
import { CoursesModule } from './courses/courses.module';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { BeneficiariesService } from './beneficiaries/beneficiaries.service';
import { databaseModule } from './database/database.module';
import { EnrolmentsModule } from './enrolments/enrolments.module';
import { EventsModule } from './events/events.module';
import { InternshipsModule } from './internships/internships.module';

export const API_INFO: ApiInfo = { title: 'MEIC trainings service', version: '1.0.0', description: 'Courses, enrolments, completions and internships.' };

@Module({})
export class AppModule {
  static register(config: TrainingsConfig, logger: Logger): DynamicModule {
    const app: DynamicModule = {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'trainings', logger, kafkaBrokers: config.KAFKA_BROKERS }),
        PlatformModule.forRoot({
          service: 'trainings',
          auth: tokenVerifierOptions(config),
          databaseUrl: config.DATABASE_URL,
          openapi: () => openApiDocument(API_INFO, app),
        }),
        databaseModule(config.DATABASE_URL),
        BeneficiaryReferencesModule.forRoot({ baseUrl: config.BENEFICIARIES_URL, token: serviceTokenOf(config) }),
        OutboxModule.forRoot({ databaseUrl: config.DATABASE_URL, topics: [TOPICS.trainings], partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS }),
        CoursesModule,
        EnrolmentsModule,
        InternshipsModule,
        PersonRecordsModule.forRoot(BeneficiariesModule, BeneficiariesService),
        EventsModule.forRoot(config.KAFKA_CONSUMER_GROUP),
      ],
    };
    return app;
  }
}
