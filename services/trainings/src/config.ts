import { beneficiaryPeerEnv, commonEnv, envSchema, loadConfig, requireOneKeySource, requireOneServiceTokenSource, Type, type Static } from '@meic/config';

export const trainingsEnvSchema = envSchema({
  ...commonEnv,
  ...beneficiaryPeerEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the trainings database' }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  KAFKA_CONSUMER_GROUP: Type.String({ minLength: 1, default: 'trainings', description: 'Consumer group of the read models (sites, organisations) and of erasures' }),
});

export type TrainingsConfig = Static<typeof trainingsEnvSchema>;

/** The only place this service reads its environment. */
export function loadTrainingsConfig(env: Record<string, string | undefined> = process.env): TrainingsConfig {
  const config = loadConfig('trainings', trainingsEnvSchema, env);
  requireOneKeySource('trainings', config);
  requireOneServiceTokenSource('trainings', config);
  return config;
}
