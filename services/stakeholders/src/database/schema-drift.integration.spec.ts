import { join } from 'node:path';
import { runMigrations } from '@meic/service-kit';
import { checkPrismaDrift, createTestDatabase, migratorAllowances, outboxAllowances, type DriftAllowance } from '@meic/testing';

const PRISMA_DIR = join(__dirname, '..', '..', 'prisma');

/**
 * What the migrated database may have that prisma/schema.prisma does not model. Every entry
 * needs a reason; an entry that matches nothing fails the test (see @meic/testing prisma-drift).
 */
const ALLOWED: DriftAllowance[] = [
  ...migratorAllowances,
  ...outboxAllowances,
  {
    kind: 'check',
    name: 'sites.sites_country_matches_code',
    reason: 'a site code starts with its ISO country (IT-RM is in IT); Prisma cannot declare CHECK constraints',
  },
];

describe('stakeholders: prisma/schema.prisma agrees with the database its migrations produce', () => {
  it('has no drift between the Prisma schema and a freshly migrated database', async () => {
    const db = await createTestDatabase('stakeholders_drift');
    try {
      await runMigrations(db.url, join(PRISMA_DIR, 'migrations'));
      const report = await checkPrismaDrift({ schemaPath: join(PRISMA_DIR, 'schema.prisma'), databaseUrl: db.url, allow: ALLOWED });
      expect(report.expected.tables.map((t) => t.name)).toContain('outbox_events'); // the schema was read
      expect(report.messages).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
