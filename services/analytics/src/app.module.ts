import { Module, type DynamicModule } from '@nestjs/common';
import { type ApiInfo, serviceApp } from '@meic/service-kit';
import type { Logger } from 'pino';
import { ClickHouseModule } from './clickhouse/clickhouse.module';
import { disclosureOptions, exportPseudonymKey, type AnalyticsConfig } from './config';
import { DisclosureModule } from './disclosure/disclosure.module';
import { ExportsModule } from './exports/exports.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { IngestModule } from './ingest/ingest.module';
import { KpiViewsModule } from './kpi-views/kpi-views.module';
import { KpisModule } from './kpis/kpis.module';

export const API_INFO: ApiInfo = { title: 'MEIC analytics service', version: '1.0.0', description: 'Kafka → ClickHouse ingest and the KPI API: aggregates protected by the cell-key method for every role but site_staff, and pseudonymous record-level exports (no erased people) for evaluators and admins.' };

@Module({})
export class AppModule {
  static register(config: AnalyticsConfig, logger: Logger): DynamicModule {
    return serviceApp(AppModule, {
      service: 'analytics',
      api: API_INFO,
      config,
      logger,
      features: [
        ClickHouseModule.forRoot({ url: config.CLICKHOUSE_URL, chdbPath: config.CHDB_PATH, database: config.CLICKHOUSE_DATABASE }),
        IngestModule.forRoot({ groupId: config.KAFKA_CONSUMER_GROUP, batchSize: config.INGEST_BATCH_SIZE, flushMs: config.INGEST_FLUSH_MS, topics: config.INGEST_TOPICS?.split(',') }),
        DisclosureModule.forRoot(disclosureOptions(config)),
        KpisModule,
        IndicatorsModule.forRoot(config.INDICATOR_CATALOGUE),
        ExportsModule.forRoot({ pseudonym: exportPseudonymKey(config), minClassSize: config.MEIC_EXPORT_MIN_CLASS }),
        KpiViewsModule,
      ],
    });
  }
}
