import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { NestPinoLogger } from '../logging/logger';

/** Creates a service's Nest app with the settings every service shares; does not listen. */
export async function createHttpApp(module: Type<unknown> | ReturnType<typeof Object>, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: new NestPinoLogger(logger), bodyParser: false });
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  return app;
}
