import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface AppliedMigration {
  name: string;
  checksum: string;
}

// Any constant works; it only has to be the same for every process migrating one database.
const LOCK_KEY = 727_001;

/**
 * Applies the committed SQL migrations under `<dir>/<name>/migration.sql` in name order,
 * each in its own transaction, under an advisory lock so that parallel starts are safe.
 * An applied migration whose file changed is an error: history is never rewritten.
 */
export async function runMigrations(databaseUrl: string, dir: string, log: (msg: string) => void = () => undefined): Promise<string[]> {
  if (!existsSync(dir)) throw new Error(`migrations folder ${dir} does not exist`);
  const migrations = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS _meic_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Map((await client.query<AppliedMigration>('SELECT name, checksum FROM _meic_migrations')).rows.map((r) => [r.name, r.checksum]));
    for (const name of migrations) {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`migration ${name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      const started = Date.now();
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO _meic_migrations (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(name);
      log(`applied migration ${name} in ${Date.now() - started} ms`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
