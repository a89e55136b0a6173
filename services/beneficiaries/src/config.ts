import { join } from 'node:path';
import { ConfigError, commonEnv, envSchema, loadConfig, requireOneKeySource, Type, type Static } from '@meic/config';

const temporalEnv = {
  TEMPORAL_ADDRESS: Type.String({ minLength: 1, default: '127.0.0.1:7233' }),
  TEMPORAL_NAMESPACE: Type.String({ minLength: 1, default: 'meic' }),
  TEMPORAL_TASK_QUEUE: Type.String({ minLength: 1, default: 'pathways' }),
};

export const beneficiariesEnvSchema = envSchema({
  ...commonEnv,
  ...temporalEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3003 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the beneficiaries database' }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  KAFKA_CONSUMER_GROUP: Type.String({ minLength: 1, default: 'beneficiaries' }),
  // The package's own directory (src/ and dist/ are both one level below it).
  PATHWAY_CATCH_UP_GRACE_SECONDS: Type.Integer({
    minimum: 0,
    default: 600,
    description: 'How long a pathway deadline that was already past when the pathway learnt of it (late records, imports) waits for further records before its task is raised',
  }),
  PATHWAY_TEMPLATES_DIR: Type.String({ minLength: 1, default: join(__dirname, '..', 'pathway-templates'), description: 'Pathway templates: default.yaml and <siteCode>.yaml' }),
});

export const pathwayWorkerEnvSchema = envSchema({
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  ...temporalEnv,
  HEALTH_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3005 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  // The activities write task rows and outbox events to the service's own database.
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the beneficiaries database' }),
  // The erasure workflow asks the services that keep records of people to delete them.
  TRAININGS_URL: Type.Optional(Type.String({ format: 'uri', description: 'Trainings service, whose records of a person erasure deletes. Required when NODE_ENV=production' })),
  STAKEHOLDERS_URL: Type.Optional(Type.String({ format: 'uri', description: 'Stakeholders service, whose records of a person erasure deletes. Required when NODE_ENV=production' })),
  MEIC_SERVICE_TOKEN_FILE: Type.Optional(Type.String({ minLength: 1, description: "File holding the worker's own bearer token (role service)" })),
  MEIC_SERVICE_TOKEN: Type.Optional(Type.String({ minLength: 1, description: "The worker's own bearer token inline (alternative to the file)" })),
});

export type BeneficiariesConfig = Static<typeof beneficiariesEnvSchema>;
export type PathwayWorkerConfig = Static<typeof pathwayWorkerEnvSchema>;

/** The only places this service reads its environment. */
export function loadBeneficiariesConfig(env: Record<string, string | undefined> = process.env): BeneficiariesConfig {
  const config = loadConfig('beneficiaries', beneficiariesEnvSchema, env);
  requireOneKeySource('beneficiaries', config);
  return config;
}

/**
 * Outside production the erasure may skip services the worker is not told about (a developer
 * running the beneficiaries service alone); a production worker must reach both, with a token.
 */
export function loadPathwayWorkerConfig(env: Record<string, string | undefined> = process.env): PathwayWorkerConfig {
  const config = loadConfig('pathway-worker', pathwayWorkerEnvSchema, env);
  const problems: string[] = [];
  if (env['NODE_ENV'] === 'production') {
    if (!config.TRAININGS_URL) problems.push('TRAININGS_URL is required in production (erasure deletes the trainings records of a person)');
    if (!config.STAKEHOLDERS_URL) problems.push('STAKEHOLDERS_URL is required in production (erasure deletes the stakeholders records of a person)');
  }
  const tokens = [config.MEIC_SERVICE_TOKEN_FILE, config.MEIC_SERVICE_TOKEN].filter(Boolean).length;
  if ((config.TRAININGS_URL || config.STAKEHOLDERS_URL) && tokens !== 1) problems.push('set exactly one of MEIC_SERVICE_TOKEN_FILE, MEIC_SERVICE_TOKEN (the worker calls other services)');
  if (problems.length > 0) throw new ConfigError('pathway-worker', problems);
  return config;
}
