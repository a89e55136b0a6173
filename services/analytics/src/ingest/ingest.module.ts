import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_TOPICS } from '@meic/contracts';
import { IngestController } from './ingest.controller';
import { INGEST_OPTIONS, IngestConsumer, type IngestOptions } from './ingest.consumer';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { IngestStatusService } from './ingest-status.service';

@Module({})
export class IngestModule {
  /** Every topic of the registry flows into ClickHouse unless `topics` says otherwise (tests). */
  static forRoot(opts: { groupId: string; batchSize: number; flushMs: number; topics?: readonly string[] }): DynamicModule {
    const options: IngestOptions = { groupId: opts.groupId, batchSize: opts.batchSize, flushMs: opts.flushMs, topics: opts.topics ?? ALL_TOPICS };
    return {
      module: IngestModule,
      controllers: [IngestController],
      providers: [{ provide: INGEST_OPTIONS, useValue: options }, IngestConsumer, IngestService, IngestRepository, IngestStatusService],
    };
  }
}
