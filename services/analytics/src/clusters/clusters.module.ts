import { Module } from '@nestjs/common';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';

/** The clusters view; reads through KpiEngine, exported by the global KpisModule, like the other KPI views. */
@Module({ controllers: [ClustersController], providers: [ClustersService] })
export class ClustersModule {}

