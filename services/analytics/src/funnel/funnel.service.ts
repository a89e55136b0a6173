import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { KpiEngine } from '../kpis/kpi-engine.service';
import { openView } from '../kpi-views/kpi-view';
import { cellOf, type Unit } from '../kpi-views/kpi-groups';
import { FUNNEL_STEP_NAMES, funnelMeasures, funnelSteps } from './funnel-steps';
import type { FunnelQuery, FunnelResponse } from './funnel.schemas';

const MEASURES = funnelMeasures();

@Injectable()
export class FunnelService {
  constructor(private readonly engine: KpiEngine) {}

  async funnel(principal: Principal, query: FunnelQuery, now = new Date()): Promise<FunnelResponse> {
    const view = await openView(this.engine, principal, query, now);
    const { reading, directory } = view;
    const { measures } = await this.engine.measures(reading, MEASURES, null, directory);
    const stepsOf = (unit: Unit) => funnelSteps((name) => cellOf(measures[name], unit));
    return {
      ...view.head,
      steps: FUNNEL_STEP_NAMES,
      ...view.perGroup((unit) => ({ steps: stepsOf(unit) })),
    };
  }
}
