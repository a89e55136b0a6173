import { commonEnv, envSchema, loadConfig, requireOneKeySource, Type, type Static } from '@meic/config';

export const analyticsEnvSchema = envSchema({
  ...commonEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  CLICKHOUSE_URL: Type.Optional(Type.String({ format: 'uri', description: 'ClickHouse server; unset = embedded chdb engine' })),
  CHDB_PATH: Type.String({ minLength: 1, default: '.local/data/chdb', description: 'Data directory of the embedded engine' }),
  CLICKHOUSE_DATABASE: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', default: 'meic' }),
  KAFKA_CONSUMER_GROUP: Type.String({ minLength: 1, default: 'analytics' }),
  INGEST_BATCH_SIZE: Type.Integer({ minimum: 1, default: 1000, description: 'Events the ingest writes to ClickHouse in one insert at most' }),
  INGEST_FLUSH_MS: Type.Integer({ minimum: 0, default: 500, description: 'Longest an event waits in the ingest batch before it is written' }),
  INGEST_TOPICS: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$', description: 'Topics to ingest (comma-separated); unset = every topic of the registry. For tests.' })),
  MEIC_MIN_CELL: Type.Integer({ minimum: 1, default: 5, description: 'Smallest count shown to roles other than site_staff' }),
});

export type AnalyticsConfig = Static<typeof analyticsEnvSchema>;

/** The only place this service reads its environment. */
export function loadAnalyticsConfig(env: Record<string, string | undefined> = process.env): AnalyticsConfig {
  const config = loadConfig('analytics', analyticsEnvSchema, env);
  requireOneKeySource('analytics', config);
  return config;
}
