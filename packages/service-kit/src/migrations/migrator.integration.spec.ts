import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@meic/testing';
import { Client } from 'pg';
import { runMigrations } from './migrator';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('runMigrations against real PostgreSQL', () => {
  it('applies in order once, survives concurrent starts, rolls back a failing one and refuses edited history', async () => {
    const db = await createTestDatabase('migrator');
    try {
      const dir = migrationsDir({ '001_a': 'CREATE TABLE a (id int PRIMARY KEY);', '002_b': 'CREATE TABLE b (id int REFERENCES a(id));' });
      const results = await Promise.all([runMigrations(db.url, dir), runMigrations(db.url, dir), runMigrations(db.url, dir)]);
      expect(results.flat().sort()).toEqual(['001_a', '002_b']);
      expect(await runMigrations(db.url, dir)).toEqual([]);

      const broken = migrationsDir({ '001_a': 'CREATE TABLE a (id int PRIMARY KEY);', '002_b': 'CREATE TABLE b (id int REFERENCES a(id));', '003_c': 'CREATE TABLE c (id int); SELECT nope;' });
      await expect(runMigrations(db.url, broken)).rejects.toThrow(/migration 003_c failed/);
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      const { rows } = await pg.query("SELECT to_regclass('c') AS c");
      expect(rows[0].c).toBeNull();
      await pg.end();

      const edited = migrationsDir({ '001_a': 'CREATE TABLE a (id bigint PRIMARY KEY);' });
      await expect(runMigrations(db.url, edited)).rejects.toThrow(/001_a was changed after it was applied/);
    } finally {
      await db.drop();
    }
  });
});
