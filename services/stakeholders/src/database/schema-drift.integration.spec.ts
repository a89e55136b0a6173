import { join } from 'node:path';
import { runMigrations } from '@meic/service-kit';
import { describeSchemaDrift } from '@meic/testing';

describeSchemaDrift('stakeholders', join(__dirname, '..', '..', 'prisma'), runMigrations, [
  {
    kind: 'check',
    name: 'sites.sites_country_matches_code',
    reason: 'a site code starts with its ISO country (IT-RM is in IT); Prisma cannot declare CHECK constraints',
  },
]);
