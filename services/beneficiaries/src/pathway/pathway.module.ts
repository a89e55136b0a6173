import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@meic/service-kit';
import { PathwayService, TEMPORAL_OPTIONS, type TemporalOptions } from './pathway.service';

@Module({})
export class PathwayModule implements OnModuleInit {
  constructor(
    private readonly pathways: PathwayService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(opts: TemporalOptions): DynamicModule {
    return { module: PathwayModule, providers: [{ provide: TEMPORAL_OPTIONS, useValue: opts }, PathwayService], exports: [PathwayService] };
  }

  onModuleInit(): void {
    this.readiness.register('temporal', () => this.pathways.ping());
  }
}
