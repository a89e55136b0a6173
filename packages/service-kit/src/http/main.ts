import type { INestApplication } from '@nestjs/common';
import { ConfigError } from '@meic/config';
import type { Logger } from 'pino';
import { createLogger } from '../logging/logger';

/**
 * Entry point shared by every service: configuration errors are printed plainly and exit 1
 * before anything starts; the app then listens until SIGTERM/SIGINT.
 */
export async function runServiceMain<C extends { PORT: number; HOST: string; LOG_LEVEL: string }>(
  service: string,
  loadConfig: () => C,
  createApp: (config: C, logger: Logger) => Promise<INestApplication>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(service, config.LOG_LEVEL);
  try {
    const app = await createApp(config, logger);
    await app.listen(config.PORT, config.HOST);
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, `${service} listening`);
  } catch (e) {
    logger.fatal({ err: (e as Error).stack ?? String(e) }, `${service} failed to start`);
    process.exit(1);
  }
}
