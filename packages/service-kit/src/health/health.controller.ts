import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { ApiHidden } from '../openapi/api-doc';
import { Metrics } from './metrics';
import { ReadinessRegistry } from './readiness';

export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

@Controller()
@Public()
@ApiHidden()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: Metrics,
    @Inject(OPENAPI_DOCUMENT) private readonly openapi: Record<string, unknown>,
  ) {}

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() res: Response): Promise<void> {
    const result = await this.readiness.run();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Get('openapi.json')
  openApi(): Record<string, unknown> {
    return this.openapi;
  }
}
