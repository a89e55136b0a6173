// Test support: the pathway activities' repository on a harness's database, for tests that
// play the workflow's part (stage changes, raised tasks) without waiting for a workflow.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { PathwayRepository } from '../pathway/pathway.repository';
import type { Harness } from './harness';

export function pathwayRepositoryOf(h: Pick<Harness, 'pg'>): { repo: PathwayRepository; close: () => Promise<void> } {
  // Its own client, as the worker's activities have theirs.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ host: h.pg.host, port: h.pg.port, database: h.pg.database, user: h.pg.user, password: h.pg.password }) });
  return { repo: new PathwayRepository(prisma), close: () => prisma.$disconnect() };
}
