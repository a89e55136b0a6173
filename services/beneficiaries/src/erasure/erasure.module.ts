import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@meic/service-kit';
import type { Logger } from 'pino';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { ErasureController, ErasureReapplyController } from './erasure.controller';
import { ErasureLogRepository } from './erasure-log.repository';
import { ErasureRepository } from './erasure.repository';
import { ERASURE_LOGGER, ErasureService } from './erasure.service';
import { ErasureWorkflows } from './erasure.workflows';

@Module({})
export class ErasureModule implements OnApplicationBootstrap {
  constructor(
    private readonly erasures: ErasureService,
    @Inject(ERASURE_LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(pathways: DynamicModule): DynamicModule {
    return {
      module: ErasureModule,
      imports: [BeneficiariesModule, pathways],
      controllers: [ErasureController, ErasureReapplyController],
      providers: [ErasureRepository, ErasureLogRepository, ErasureWorkflows, ErasureService, { provide: ERASURE_LOGGER, useExisting: LOGGER }],
      exports: [ErasureService],
    };
  }

  /** An erasure left unfinished (a crash, a restore) is driven on; Temporal being down only delays it. */
  onApplicationBootstrap(): void {
    void this.erasures.resumeUnfinished().then(
      (n) => n > 0 && this.logger.info({ erasures: n }, 'resumed unfinished erasures'),
      (e: unknown) => this.logger.warn({ err: String(e) }, 'unfinished erasures not resumed yet'),
    );
  }
}
