import { Module, type DynamicModule } from '@nestjs/common';
import { KpiEngine } from './kpi-engine.service';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';
import { MIN_CELL } from './kpis.tokens';
import { ParticipantsRepository } from './participants.repository';
import { PublisherService } from './publisher.service';

@Module({})
export class KpisModule {
  static forRoot(minCell: number): DynamicModule {
    return {
      module: KpisModule,
      global: true,
      controllers: [KpisController],
      providers: [{ provide: MIN_CELL, useValue: minCell }, KpisService, ParticipantsRepository, PublisherService, KpiEngine],
      exports: [MIN_CELL, ParticipantsRepository, PublisherService, KpiEngine],
    };
  }
}
