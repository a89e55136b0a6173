import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { Pool } from 'pg';
import { AUDIT_LOGGER, AuditController, AuditInterceptor } from './audit/audit';
import { IdempotencyInterceptor, PLATFORM_POOL } from './idempotency/idempotency.interceptor';
import { createLogger } from './logging/logger';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './auth/token-verifier';
import { HealthController, OPENAPI_DOCUMENT } from './health/health.controller';
import { HttpMetricsInterceptor, Metrics } from './health/metrics';
import { ReadinessRegistry } from './health/readiness';
import type { OpenApiDocument } from './openapi/openapi';
import { ProblemFilter } from './problems/problem.filter';

/** The token verification settings every service reads from its configuration. */
export function tokenVerifierOptions(config: {
  MEIC_JWT_ISSUER: string;
  MEIC_JWT_AUDIENCE: string;
  MEIC_JWT_PUBLIC_KEY_FILE?: string;
  MEIC_JWT_PUBLIC_KEY?: string;
  MEIC_JWKS_URL?: string;
}): TokenVerifierOptions {
  return { issuer: config.MEIC_JWT_ISSUER, audience: config.MEIC_JWT_AUDIENCE, publicKeyFile: config.MEIC_JWT_PUBLIC_KEY_FILE, publicKeyPem: config.MEIC_JWT_PUBLIC_KEY, jwksUrl: config.MEIC_JWKS_URL };
}

export interface PlatformOptions {
  service: string;
  auth: TokenVerifierOptions;
  /** Built when first served, once the whole application module exists (see openApiDocument). */
  openapi: () => OpenApiDocument;
  /**
   * A service with a PostgreSQL database gets Idempotency-Key handling and the audit log
   * (tables `idempotency_keys` and `audit_log` in its migrations) and `GET /v1/audit-log`.
   */
  databaseUrl?: string;
}

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(PLATFORM_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

function platformPool(service: string, databaseUrl: string): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  // An idle connection the server closes (restart, shutdown) must not crash the service.
  const logger = createLogger(`${service}-platform-pool`, 'warn');
  pool.on('error', (e) => logger.warn({ err: e.message }, 'idle database connection lost'));
  return pool;
}

function databaseFeatures(service: string, databaseUrl: string | undefined): { providers: Provider[]; controllers: Type<unknown>[] } {
  if (!databaseUrl) return { providers: [], controllers: [] };
  return {
    providers: [
      { provide: PLATFORM_POOL, useFactory: () => platformPool(service, databaseUrl) },
      { provide: AUDIT_LOGGER, useValue: createLogger(`${service}-audit`, 'warn') },
      PoolCloser,
      // Audit outside idempotency: a replayed write is still a request someone made.
      { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    ],
    controllers: [AuditController],
  };
}

/** What every MEIC HTTP service shares: auth, problem+json, health, readiness, metrics, OpenAPI. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const metrics = new Metrics();
    metrics.setServiceLabel(options.service);
    const database = databaseFeatures(options.service, options.databaseUrl);
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, ...database.controllers],
      providers: [
        ...database.providers,
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(options.auth) },
        { provide: Metrics, useValue: metrics },
        { provide: OPENAPI_DOCUMENT, useFactory: options.openapi },
        ReadinessRegistry,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [ReadinessRegistry, Metrics, TokenVerifier],
    };
  }
}
