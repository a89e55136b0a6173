import { Module, type DynamicModule } from '@nestjs/common';
import { INGEST_GROUP, IngestConsumer } from './ingest.consumer';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';

@Module({})
export class IngestModule {
  static forRoot(groupId: string): DynamicModule {
    return { module: IngestModule, providers: [{ provide: INGEST_GROUP, useValue: groupId }, IngestConsumer, IngestService, IngestRepository] };
  }
}
