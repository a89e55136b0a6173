import { join } from 'node:path';
import { runMigrations } from '@meic/service-kit';
import { describeSchemaDrift } from '@meic/testing';

describeSchemaDrift('beneficiaries', join(__dirname, '..', '..', 'prisma'), runMigrations);
