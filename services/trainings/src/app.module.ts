import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { type ApiInfo, BeneficiaryReferencesModule, PersonRecordsModule, serviceApp, serviceTokenOf } from '@meic/service-kit';
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
    return serviceApp(AppModule, {
      service: 'trainings',
      api: API_INFO,
      config,
      logger,
      database: { url: config.DATABASE_URL, outbox: { topic: TOPICS.trainings, partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS } },
      features: [
        databaseModule(config.DATABASE_URL),
        BeneficiaryReferencesModule.forRoot({ baseUrl: config.BENEFICIARIES_URL, token: serviceTokenOf(config) }),
        CoursesModule,
        EnrolmentsModule,
        InternshipsModule,
        PersonRecordsModule.forRoot(BeneficiariesModule, BeneficiariesService),
        EventsModule.forRoot(config.KAFKA_CONSUMER_GROUP),
      ],
    });
  }
}
