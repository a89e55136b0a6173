import { createHash } from 'node:crypto';
import { commonEnv, ConfigError, envSchema, loadConfig, requireOneKeySource, Type, type Static } from '@meic/config';
import type { DisclosureOptions } from './disclosure/disclosure.service';
import { recordKeySecret } from './disclosure/record-key';

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
  MEIC_MIN_CELL: Type.Integer({ minimum: 1, default: 5, description: 'Published counts are 0 or at least this, for roles other than site_staff (docs/adr/0012)' }),
  MEIC_CKM_MAX_PERTURBATION: Type.Integer({ minimum: 1, maximum: 20, default: 4, description: 'Cell-key method: no published count is further than this from the true one' }),
  MEIC_CKM_VARIANCE: Type.Number({ exclusiveMinimum: 0, default: 1.5, description: 'Cell-key method: variance of the perturbation (below MEIC_CKM_MAX_PERTURBATION squared)' }),
  MEIC_CKM_KEY: Type.Optional(
    Type.String({ minLength: 32, description: 'Secret from which every person’s record key is derived; keep it stable, or every published figure changes. Required when NODE_ENV=production' }),
  ),
  MEIC_RELEASE_BLOCK: Type.Integer({ minimum: 1, default: 10, description: 'Each site releases facts of one kind in blocks of consecutive months holding at least this many' }),
  MEIC_KM_MIN_AT_RISK: Type.Integer({ minimum: 1, default: 10, description: 'Published survival curves stop where fewer people are at risk' }),
  INDICATOR_CATALOGUE: Type.Optional(
    Type.String({ minLength: 1, description: 'Indicator catalogue file (YAML or JSON) replacing catalogue/indicators.yaml for this deployment; checked at boot' }),
  ),
  MEIC_EXPORT_MIN_CLASS: Type.Integer({ minimum: 5, default: 5, description: 'k of the record-level extracts: every row shares its quasi-identifiers with at least k − 1 others (never below 5)' }),
  EXPORT_PSEUDONYM_KEY: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'Secret key of the pseudonymous ids in record-level exports (HMAC-SHA256 of the beneficiary id); keep it stable, or ids change between exports. Required when NODE_ENV=production',
    }),
  ),
});

export type AnalyticsConfig = Static<typeof analyticsEnvSchema>;

/** The only place this service reads its environment. */
export function loadAnalyticsConfig(env: Record<string, string | undefined> = process.env): AnalyticsConfig {
  const config = loadConfig('analytics', analyticsEnvSchema, env);
  requireOneKeySource('analytics', config);
  // A pseudonym key known from the source code would make export ids reversible by anyone who
  // holds the beneficiary ids, so a deployment must bring its own.
  if (env['NODE_ENV'] === 'production' && !config.EXPORT_PSEUDONYM_KEY) {
    throw new ConfigError('analytics', ['EXPORT_PSEUDONYM_KEY is required in production (a secret of at least 32 characters, kept stable across exports)']);
  }
  // A record-key secret known from the source code lets anyone holding beneficiary ids work out
  // cell keys, and so the perturbation of every published figure.
  if (env['NODE_ENV'] === 'production' && !config.MEIC_CKM_KEY) {
    throw new ConfigError('analytics', ['MEIC_CKM_KEY is required in production (a secret of at least 32 characters, kept stable)']);
  }
  if (config.MEIC_CKM_VARIANCE >= config.MEIC_CKM_MAX_PERTURBATION ** 2) {
    throw new ConfigError('analytics', [`MEIC_CKM_VARIANCE must be below MEIC_CKM_MAX_PERTURBATION squared (${config.MEIC_CKM_MAX_PERTURBATION ** 2}), got ${config.MEIC_CKM_VARIANCE}`]);
  }
  return config;
}

/** The disclosure layer's parameters from the configuration (docs/adr/0012). */
export function disclosureOptions(config: AnalyticsConfig): DisclosureOptions {
  return {
    minCell: config.MEIC_MIN_CELL,
    maxPerturbation: config.MEIC_CKM_MAX_PERTURBATION,
    variance: config.MEIC_CKM_VARIANCE,
    releaseBlock: config.MEIC_RELEASE_BLOCK,
    minAtRisk: config.MEIC_KM_MIN_AT_RISK,
    bucketDays: KM_BUCKET_DAYS,
    recordKey: recordKeySecret(config.MEIC_CKM_KEY),
  };
}

/** Protected survival curves step at multiples of this many days (and numbers at risk are given there). */
export const KM_BUCKET_DAYS = 30;

/** The key of export pseudonyms; outside production, a fixed development key when none is given (the export service warns). */
export function exportPseudonymKey(config: Pick<AnalyticsConfig, 'EXPORT_PSEUDONYM_KEY'>): { key: string; development: boolean } {
  if (config.EXPORT_PSEUDONYM_KEY) return { key: config.EXPORT_PSEUDONYM_KEY, development: false };
  return { key: createHash('sha256').update('meic-development-export-pseudonym-key').digest('hex'), development: true };
}
