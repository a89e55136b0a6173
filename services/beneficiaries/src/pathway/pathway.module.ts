import { Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@meic/service-kit';
import { loadPathwayTemplates } from './pathway-templates';
import { SitesModule } from '../sites/sites.module';
import { PathwayTemplateRepository } from './pathway-template.repository';
import { PATHWAY_TEMPLATE_FILES, PathwayTemplateService } from './pathway-template.service';
import { PathwayService, TEMPORAL_OPTIONS, type TemporalOptions } from './pathway.service';
import { LazyTemporalClient } from './temporal-client';

@Module({})
export class PathwayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly pathways: PathwayService,
    private readonly readiness: ReadinessRegistry,
    private readonly temporal: LazyTemporalClient,
  ) {}

  /** Reads and validates the pathway templates here, at boot: a bad file stops the service (see pathway-templates.ts). */
  static forRoot(opts: TemporalOptions & { templatesDir: string }): DynamicModule {
    const { templatesDir, ...temporal } = opts;
    return {
      module: PathwayModule,
      imports: [SitesModule],
      providers: [
        { provide: TEMPORAL_OPTIONS, useValue: temporal },
        { provide: LazyTemporalClient, useValue: new LazyTemporalClient(temporal) },
        { provide: PATHWAY_TEMPLATE_FILES, useValue: loadPathwayTemplates(templatesDir) },
        PathwayTemplateRepository,
        PathwayTemplateService,
        PathwayService,
      ],
      exports: [PathwayService, PathwayTemplateService, TEMPORAL_OPTIONS, LazyTemporalClient],
    };
  }

  onModuleInit(): void {
    this.readiness.register('temporal', () => this.pathways.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close();
  }
}
