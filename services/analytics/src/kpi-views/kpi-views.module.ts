import { Module } from '@nestjs/common';
import { BreakdownService } from '../breakdown/breakdown.service';
import { ClustersService } from '../clusters/clusters.service';
import { CohortsService } from '../cohorts/cohorts.service';
import { FunnelService } from '../funnel/funnel.service';
import { TimeToPlacementService } from '../time-to-placement/time-to-placement.service';
import { TrendsService } from '../trends/trends.service';
import { KpiViewsController } from './kpi-views.controller';

/**
 * The evaluators' KPI views (funnel, time to placement, trends, breakdowns, cohort comparison,
 * clusters). Each reads through KpiEngine, exported by the global KpisModule, so every view counts
 * people as the overview does and publishes cells of the same disclosure plans.
 */
@Module({
  controllers: [KpiViewsController],
  providers: [FunnelService, TimeToPlacementService, TrendsService, BreakdownService, CohortsService, ClustersService],
})
export class KpiViewsModule {}
