import { Module } from '@nestjs/common';
import { ErasureRepository } from '../erasure/erasure.repository';
import { SitesModule } from '../sites/sites.module';
import { RetentionController } from './retention.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

@Module({
  imports: [SitesModule],
  controllers: [RetentionController],
  providers: [RetentionRepository, ErasureRepository, RetentionService],
})
export class RetentionModule {}
