import { join } from 'node:path';
import { commonEnv, envSchema, loadConfig, requireOneKeySource, Type, type Static } from '@meic/config';

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
});

export type BeneficiariesConfig = Static<typeof beneficiariesEnvSchema>;
export type PathwayWorkerConfig = Static<typeof pathwayWorkerEnvSchema>;

/** The only places this service reads its environment. */
export function loadBeneficiariesConfig(env: Record<string, string | undefined> = process.env): BeneficiariesConfig {
  const config = loadConfig('beneficiaries', beneficiariesEnvSchema, env);
  requireOneKeySource('beneficiaries', config);
  return config;
}

export function loadPathwayWorkerConfig(env: Record<string, string | undefined> = process.env): PathwayWorkerConfig {
  return loadConfig('pathway-worker', pathwayWorkerEnvSchema, env);
}
