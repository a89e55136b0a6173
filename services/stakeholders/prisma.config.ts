// `prisma generate` runs offline: the schema engine binary it would download is not needed for it.
// Migrations are committed SQL applied by @meic/service-kit's migrator (docs/adr/0003-database-migrations.md).
import { defineConfig } from 'prisma/config';

process.env['PRISMA_SCHEMA_ENGINE_BINARY'] ??= '/bin/false';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
