import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { projectionSql, type Projection, type ProjectionSql } from './projection';
import { PROJECTIONS } from './projections';

/** What the applier needs of the ClickHouse service. */
export interface ProjectionStore {
  command(sql: string): Promise<void>;
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
}

const definitionOf = (sql: ProjectionSql): string => createHash('sha256').update(`${sql.table};\n${sql.view}`).digest('hex');

/**
 * Brings every projection to its definition: one whose stored definition differs (or that is new,
 * or that a migration built before projections existed) is dropped, created with its view, then
 * filled from the stored events. The view exists before the backfill, so an event arriving in
 * between reaches the table through both: the tables' aggregates and keys make that harmless,
 * where the other order would lose it. Returns the names rebuilt.
 */
export async function applyProjections(store: ProjectionStore, db: string, logger: Logger, projections: readonly Projection[] = PROJECTIONS): Promise<string[]> {
  await store.command(`CREATE TABLE IF NOT EXISTS ${db}.projections (name String, definition String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplacingMergeTree(applied_at) ORDER BY name`);
  const applied = new Map((await store.rows<{ name: string; definition: string }>(`SELECT name, definition FROM ${db}.projections FINAL`)).map((r) => [r.name, r.definition]));
  const rebuilt: string[] = [];
  for (const p of projections) {
    const sql = projectionSql(p);
    const definition = definitionOf(sql);
    if (applied.get(p.name) === definition) continue;
    const inDb = (s: string) => s.replaceAll('{db}', db);
    await store.command(`DROP VIEW IF EXISTS ${db}.${p.name}_mv`);
    await store.command(`DROP TABLE IF EXISTS ${db}.${p.name}`);
    await store.command(inDb(sql.table));
    await store.command(inDb(sql.view));
    await store.command(inDb(sql.backfill));
    await store.command(`INSERT INTO ${db}.projections (name, definition) VALUES ('${p.name}', '${definition}')`);
    logger.info({ projection: p.name }, 'ClickHouse projection rebuilt from the stored events');
    rebuilt.push(p.name);
  }
  return rebuilt;
}
