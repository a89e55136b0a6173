import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaModule } from '@meic/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** This service's database: the generated client over node-postgres, injectable as PrismaClient. */
export const databaseModule = (databaseUrl: string) => PrismaModule.forRoot(PrismaClient, () => new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }));
