import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export { Type };
export type { Static };

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Describes a service's environment: names are the environment variable names. */
export function envSchema<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: true });
}

/**
 * Validates the environment once at boot and returns a typed, frozen configuration.
 * Numbers and booleans are coerced from their string form; defaults are applied; every
 * problem is listed at once so an operator fixes them in one go.
 */
export function loadConfig<S extends TObject>(service: string, schema: S, env: Record<string, string | undefined>): Readonly<Static<S>> {
  const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  // Empty strings mean "unset" in env files and compose files alike.
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') candidate[key] = value;
  }
  if (!validate(candidate)) {
    const problems = (validate.errors ?? []).map((e) => {
      if (e.keyword === 'required') return `${String(e.params['missingProperty'])} is required`;
      const name = e.instancePath.replace(/^\//, '');
      return `${name} ${e.message ?? 'is invalid'} (got ${JSON.stringify(env[name])})`;
    });
    throw new ConfigError(service, problems);
  }
  return Object.freeze(candidate as Static<S>);
}

/** Settings every service shares; each service adds its own. */
export const commonEnv = {
  LOG_LEVEL: Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')], { default: 'info' }),
  KAFKA_BROKERS: Type.String({ minLength: 1, default: '127.0.0.1:9092', description: 'Comma-separated host:port list' }),
  KAFKA_TOPIC_PARTITIONS: Type.Integer({ minimum: 1, default: 6 }),
  MEIC_JWT_PUBLIC_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM (SPKI) public key verifying bearer tokens' })),
  MEIC_JWT_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 1, description: 'PEM public key inline (alternative to the file)' })),
  MEIC_JWKS_URL: Type.Optional(Type.String({ format: 'uri', description: 'JWKS endpoint of the identity provider' })),
  MEIC_JWT_ISSUER: Type.String({ minLength: 1, default: 'meic-dev' }),
  MEIC_JWT_AUDIENCE: Type.String({ minLength: 1, default: 'meic' }),
};

/** Exactly one way to verify tokens must be configured; a service never runs unauthenticated. */
export function requireOneKeySource(service: string, cfg: { MEIC_JWT_PUBLIC_KEY_FILE?: string; MEIC_JWT_PUBLIC_KEY?: string; MEIC_JWKS_URL?: string }): void {
  const given = [cfg.MEIC_JWT_PUBLIC_KEY_FILE, cfg.MEIC_JWT_PUBLIC_KEY, cfg.MEIC_JWKS_URL].filter(Boolean).length;
  if (given !== 1) {
    throw new ConfigError(service, ['set exactly one of MEIC_JWT_PUBLIC_KEY_FILE, MEIC_JWT_PUBLIC_KEY, MEIC_JWKS_URL']);
  }
}

/**
 * A service that records facts about people asks the beneficiaries service who they are (their
 * site, coarse attributes and pseudonym) with a token of its own (role `service`).
 */
export const beneficiaryPeerEnv = {
  BENEFICIARIES_URL: Type.String({ format: 'uri', description: 'Base URL of the beneficiaries service (person references)' }),
  MEIC_SERVICE_TOKEN_FILE: Type.Optional(Type.String({ minLength: 1, description: "File holding this service's own bearer token (role service)" })),
  MEIC_SERVICE_TOKEN: Type.Optional(Type.String({ minLength: 1, description: "This service's own bearer token inline (alternative to the file)" })),
};

/** Exactly one source of the service's own token. */
export function requireOneServiceTokenSource(service: string, cfg: { MEIC_SERVICE_TOKEN_FILE?: string; MEIC_SERVICE_TOKEN?: string }): void {
  if ([cfg.MEIC_SERVICE_TOKEN_FILE, cfg.MEIC_SERVICE_TOKEN].filter(Boolean).length !== 1) {
    throw new ConfigError(service, ['set exactly one of MEIC_SERVICE_TOKEN_FILE, MEIC_SERVICE_TOKEN']);
  }
}
