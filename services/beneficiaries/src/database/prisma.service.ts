import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { ReadinessRegistry } from '@meic/service-kit';
import { PrismaClient } from '../generated/prisma/client';

export const DATABASE_URL = Symbol('DATABASE_URL');

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL) databaseUrl: string, private readonly readiness: ReadinessRegistry) {
    super({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  }

  onModuleInit(): void {
    this.readiness.register('postgres', async () => {
      await this.$queryRaw`SELECT 1`;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
