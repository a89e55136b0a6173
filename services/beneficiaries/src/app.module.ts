import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { type ApiInfo, serviceApp } from '@meic/service-kit';
import type { Logger } from 'pino';
import { AssessmentsModule } from './assessments/assessments.module';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { StoredResponsesModule } from './beneficiaries/beneficiaries.stored-responses';
import type { BeneficiariesConfig } from './config';
import { ConsentModule } from './consent/consent.module';
import { DataExportModule } from './data-export/data-export.module';
import { databaseModule } from './database/database.module';
import { ErasureModule } from './erasure/erasure.module';
import { DropoutsModule } from './dropouts/dropouts.module';
import { EventsModule } from './events/events.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { PathwayApiModule } from './pathway/pathway-api.module';
import { PathwayModule } from './pathway/pathway.module';
import { PlacementsModule } from './placements/placements.module';
import { RetentionModule } from './retention/retention.module';
import { TasksModule } from './tasks/tasks.module';

export const API_INFO: ApiInfo = { title: 'MEIC beneficiaries service', version: '1.0.0', description: 'Beneficiaries, assessments, placements, follow-ups and pathways. The only holder of personal data.' };

@Module({})
export class AppModule {
  static register(config: BeneficiariesConfig, logger: Logger): DynamicModule {
    const pathways = PathwayModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, catchUpGraceSeconds: config.PATHWAY_CATCH_UP_GRACE_SECONDS, templatesDir: config.PATHWAY_TEMPLATES_DIR });
    const erasure = ErasureModule.forRoot(pathways);
    return serviceApp(AppModule, {
      service: 'beneficiaries',
      api: API_INFO,
      config,
      logger,
      database: { url: config.DATABASE_URL, outbox: { topic: TOPICS.beneficiaries, partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS } },
      features: [
        databaseModule(config.DATABASE_URL),
        BeneficiariesModule,
        StoredResponsesModule,
        AssessmentsModule,
        PlacementsModule,
        FollowUpsModule,
        DropoutsModule,
        erasure,
        ConsentModule.forRoot(erasure),
        DataExportModule.forRoot(pathways),
        RetentionModule,
        pathways,
        PathwayApiModule.forRoot(pathways),
        TasksModule.forRoot(pathways),
        EventsModule.forRoot(config.KAFKA_CONSUMER_GROUP, pathways, erasure),
      ],
    });
  }
}
