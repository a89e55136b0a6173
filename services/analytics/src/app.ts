import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '@meic/service-kit';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AnalyticsConfig } from './config';

/** Builds the app (ClickHouse migrations run as its module initialises); does not listen. */
export function createAnalyticsApp(config: AnalyticsConfig, logger: Logger): Promise<INestApplication> {
  return createHttpApp(AppModule.register(config, logger), logger);
}
