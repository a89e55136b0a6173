import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '../health/readiness';

/** What the platform needs of a service's generated Prisma client. */
export interface PrismaLike {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class token of any constructor shape
type ClassToken<T> = abstract new (...args: any[]) => T;

const CLIENT = Symbol('PRISMA_CLIENT');

class PrismaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CLIENT) private readonly client: PrismaLike,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('postgres', async () => {
      await this.client.$queryRawUnsafe('SELECT 1');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
  }
}

/**
 * Provides a service's generated PrismaClient under its own class, so repositories inject
 * `PrismaClient` directly; adds the readiness check and disconnects on shutdown.
 */
@Module({})
export class PrismaModule {
  static forRoot<T extends PrismaLike>(token: ClassToken<T>, create: () => T): DynamicModule {
    return {
      module: PrismaModule,
      global: true,
      providers: [{ provide: CLIENT, useFactory: create }, { provide: token, useExisting: CLIENT }, PrismaLifecycle],
      exports: [token],
    };
  }
}
