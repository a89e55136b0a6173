import { Global, Module } from '@nestjs/common';
import { KpiEngine } from './kpi-engine.service';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';
import { ParticipantsRepository } from './participants.repository';

@Global()
@Module({
  controllers: [KpisController],
  providers: [KpisService, ParticipantsRepository, KpiEngine],
  exports: [ParticipantsRepository, KpiEngine],
})
export class KpisModule {}
