import { beneficiaryPeerEnv, commonEnv, envSchema, loadConfig, requireOneKeySource, requireOneServiceTokenSource, Type, type Static } from '@meic/config';

export const stakeholdersEnvSchema = envSchema({
  ...commonEnv,
  ...beneficiaryPeerEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the stakeholders database' }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  KAFKA_CONSUMER_GROUP: Type.String({ minLength: 1, default: 'stakeholders', description: 'Consumer group of erasures' }),
});

export type StakeholdersConfig = Static<typeof stakeholdersEnvSchema>;

/** The only place this service reads its environment. */
export function loadStakeholdersConfig(env: Record<string, string | undefined> = process.env): StakeholdersConfig {
  const config = loadConfig('stakeholders', stakeholdersEnvSchema, env);
  requireOneKeySource('stakeholders', config);
  requireOneServiceTokenSource('stakeholders', config);
  return config;
}
