import { join } from 'node:path';
import { checkPrismaDrift, migratorAllowances, outboxAllowances, type DriftAllowance } from './prisma-drift';
import { createTestDatabase } from './index';

/**
 * The test every service with a Prisma schema runs: a freshly migrated database has what
 * prisma/schema.prisma models, and beyond it only `allowed` (each entry with its reason; one that
 * matches nothing fails) besides the migrator's and the outbox's own objects.
 */
export function describeSchemaDrift(service: string, prismaDir: string, migrate: (databaseUrl: string, migrationsDir: string) => Promise<unknown>, allowed: DriftAllowance[] = []): void {
  describe(`${service}: prisma/schema.prisma agrees with the database its migrations produce`, () => {
    it('has no drift between the Prisma schema and a freshly migrated database', async () => {
      const db = await createTestDatabase(`${service}_drift`);
      try {
        await migrate(db.url, join(prismaDir, 'migrations'));
        const report = await checkPrismaDrift({ schemaPath: join(prismaDir, 'schema.prisma'), databaseUrl: db.url, allow: [...migratorAllowances, ...outboxAllowances, ...allowed] });
        expect(report.expected.tables.map((t) => t.name)).toContain('outbox_events'); // the schema was read
        expect(report.messages).toEqual([]);
      } finally {
        await db.drop();
      }
    });
  });
}
