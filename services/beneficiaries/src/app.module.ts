import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { auditRoutes, buildOpenApi, tokenVerifierOptions, OutboxModule, PlatformModule, RuntimeModule } from '@meic/service-kit';
import type { Logger } from 'pino';
import { assessmentsRoutes } from './assessments/assessments.controller';
import { AssessmentsModule } from './assessments/assessments.module';
import { beneficiariesRoutes } from './beneficiaries/beneficiaries.controller';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { StoredResponsesModule } from './beneficiaries/beneficiaries.stored-responses';
import type { BeneficiariesConfig } from './config';
import { consentRoutes } from './consent/consent.controller';
import { ConsentModule } from './consent/consent.module';
import { dataExportRoutes } from './data-export/data-export.controller';
import { DataExportModule } from './data-export/data-export.module';
import { databaseModule } from './database/database.module';
import { erasureRoutes } from './erasure/erasure.controller';
import { ErasureModule } from './erasure/erasure.module';
import { dropoutsRoutes } from './dropouts/dropouts.controller';
import { DropoutsModule } from './dropouts/dropouts.module';
import { EventsModule } from './events/events.module';
import { followUpsRoutes } from './follow-ups/follow-ups.controller';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { PathwayApiModule } from './pathway/pathway-api.module';
import { pathwayMigrationRoutes } from './pathway/pathway-migration.controller';
import { pathwayTemplateRoutes } from './pathway/pathway-template.controller';
import { pathwayRoutes } from './pathway/pathway.controller';
import { PathwayModule } from './pathway/pathway.module';
import { placementsRoutes } from './placements/placements.controller';
import { PlacementsModule } from './placements/placements.module';
import { retentionRoutes } from './retention/retention.controller';
import { RetentionModule } from './retention/retention.module';
import { tasksRoutes } from './tasks/tasks.controller';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static register(config: BeneficiariesConfig, logger: Logger): DynamicModule {
    const pathways = PathwayModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, catchUpGraceSeconds: config.PATHWAY_CATCH_UP_GRACE_SECONDS, templatesDir: config.PATHWAY_TEMPLATES_DIR });
    const erasure = ErasureModule.forRoot(pathways);
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'beneficiaries', logger, kafkaBrokers: config.KAFKA_BROKERS }),
        PlatformModule.forRoot({
          service: 'beneficiaries',
          auth: tokenVerifierOptions(config),
          databaseUrl: config.DATABASE_URL,
          openapi: buildOpenApi(
            { title: 'MEIC beneficiaries service', version: '1.0.0', description: 'Beneficiaries, assessments, placements, follow-ups and pathways. The only holder of personal data.' },
            [...beneficiariesRoutes, ...erasureRoutes, ...dataExportRoutes, ...consentRoutes, ...assessmentsRoutes, ...placementsRoutes, ...followUpsRoutes, ...dropoutsRoutes, ...pathwayRoutes, ...pathwayMigrationRoutes, ...pathwayTemplateRoutes, ...retentionRoutes, ...tasksRoutes, ...auditRoutes],
          ),
        }),
        databaseModule(config.DATABASE_URL),
        OutboxModule.forRoot({ databaseUrl: config.DATABASE_URL, topics: [TOPICS.beneficiaries], partitions: config.KAFKA_TOPIC_PARTITIONS, pollIntervalMs: config.OUTBOX_POLL_MS }),
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
    };
  }
}
