import { Module } from '@nestjs/common';
import type { RouteDoc } from '@meic/service-kit';
import { BreakdownController, breakdownRoutes } from '../breakdown/breakdown.controller';
import { BreakdownService } from '../breakdown/breakdown.service';
import { CohortsController, cohortsRoutes } from '../cohorts/cohorts.controller';
import { CohortsService } from '../cohorts/cohorts.service';
import { FunnelController, funnelRoutes } from '../funnel/funnel.controller';
import { FunnelService } from '../funnel/funnel.service';
import { TimeToPlacementController, timeToPlacementRoutes } from '../time-to-placement/time-to-placement.controller';
import { TimeToPlacementService } from '../time-to-placement/time-to-placement.service';
import { TrendsController, trendsRoutes } from '../trends/trends.controller';
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

export const kpiViewsRoutes: RouteDoc[] = [...funnelRoutes, ...timeToPlacementRoutes, ...trendsRoutes, ...breakdownRoutes, ...cohortsRoutes];
