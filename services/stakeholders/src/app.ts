import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp, runMigrations } from '@meic/service-kit';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { StakeholdersConfig } from './config';

export const MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

/** Migrates the database, then builds the app (not yet listening), for main and for tests. */
export async function createStakeholdersApp(config: StakeholdersConfig, logger: Logger): Promise<INestApplication> {
  await runMigrations(config.DATABASE_URL, MIGRATIONS_DIR, (m) => logger.info(m));
  return createHttpApp(AppModule.register(config, logger), logger);
}
