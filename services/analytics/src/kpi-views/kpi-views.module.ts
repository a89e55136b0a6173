import { Module } from '@nestjs/common';
import { BreakdownController } from '../breakdown/breakdown.controller';
import { BreakdownService } from '../breakdown/breakdown.service';
import { CohortsController } from '../cohorts/cohorts.controller';
import { CohortsService } from '../cohorts/cohorts.service';
import { FunnelController } from '../funnel/funnel.controller';
import { FunnelService } from '../funnel/funnel.service';
import { TimeToPlacementController } from '../time-to-placement/time-to-placement.controller';
import { TimeToPlacementService } from '../time-to-placement/time-to-placement.service';
import { TrendsController } from '../trends/trends.controller';
import { TrendsService } from '../trends/trends.service';

/**
 * The evaluators' KPI views (funnel, time to placement, trends, breakdowns, cohort comparison).
 * Each reads through KpiEngine, exported by the global KpisModule, so every view counts people as
 * the overview does and publishes cells of the same disclosure plans.
 */
@Module({
  controllers: [FunnelController, TimeToPlacementController, TrendsController, BreakdownController, CohortsController],
  providers: [FunnelService, TimeToPlacementService, TrendsService, BreakdownService, CohortsService],
})
export class KpiViewsModule {}
