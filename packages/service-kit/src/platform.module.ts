import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './auth/token-verifier';
import { HealthController, OPENAPI_DOCUMENT } from './health/health.controller';
import { HttpMetricsInterceptor, Metrics } from './health/metrics';
import { ReadinessRegistry } from './health/readiness';
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
  openapi: Record<string, unknown>;
}

/** What every MEIC HTTP service shares: auth, problem+json, health, readiness, metrics, OpenAPI. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const metrics = new Metrics();
    metrics.setServiceLabel(options.service);
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(options.auth) },
        { provide: Metrics, useValue: metrics },
        { provide: OPENAPI_DOCUMENT, useValue: options.openapi },
        ReadinessRegistry,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [ReadinessRegistry, Metrics, TokenVerifier],
    };
  }
}
