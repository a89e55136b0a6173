import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { LOGGER, ReadinessRegistry } from '@meic/service-kit';
import type { Logger } from 'pino';
import { applyProjections } from '../projections/projections.applier';

export const CLICKHOUSE_OPTIONS = Symbol('CLICKHOUSE_OPTIONS');
export interface ClickHouseOptions {
  url?: string;
  chdbPath: string;
  database: string;
}

export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'clickhouse', 'migrations');

/**
 * One client for both engines: the embedded chdb (in-process, one per data directory) or a
 * ClickHouse server when CLICKHOUSE_URL is set. Queries and migrations are the same SQL.
 */
@Injectable()
export class ClickHouseService implements OnModuleInit, OnApplicationShutdown {
  readonly client: ClickHouseClient;
  readonly database: string;

  constructor(
    @Inject(CLICKHOUSE_OPTIONS) opts: ClickHouseOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.database = opts.database;
    if (opts.url) {
      this.client = createClient({ url: opts.url });
    } else {
      const path = resolve(opts.chdbPath);
      mkdirSync(path, { recursive: true });
      // chdb types its connection against its own copy of @clickhouse/client-common; same shape.
      const connection = createChdbConnection({ path }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'];
      this.client = createClient({ connection });
    }
  }

  async onModuleInit(): Promise<void> {
    await this.migrate();
    this.readiness.register('clickhouse', async () => {
      const r = await this.client.ping();
      if (!r.success) throw new Error('ping failed');
    });
  }

  /**
   * Applies `clickhouse/migrations/*.sql` in name order, once each, then brings the projections
   * (the tables built from events) to their definitions; with `through`, stops after that file and
   * leaves the projections alone (tests rebuild a store as an older version left it).
   */
  async migrate(opts: { through?: string } = {}): Promise<void> {
    const db = this.database;
    await this.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
    await this.client.command({ query: `CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY name` });
    const applied = new Set((await this.rows<{ name: string }>(`SELECT name FROM ${db}.schema_migrations`)).map((r) => r.name));
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      if (opts.through && file > opts.through) break;
      if (applied.has(file)) continue;
      const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8').replaceAll('{db}', db);
      for (const statement of sql.split(/;\s*$/m).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean)) {
        await this.client.command({ query: statement });
      }
      await this.client.insert({ table: `${db}.schema_migrations`, values: [{ name: file }], format: 'JSONEachRow' });
      this.logger.info({ migration: file }, 'applied ClickHouse migration');
    }
    // The tables built from events follow their typed definitions (src/projections), not migrations.
    if (!opts.through) await applyProjections({ command: (query) => this.client.command({ query }).then(() => undefined), rows: (q, p) => this.rows(q, p) }, db, this.logger);
  }

  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
