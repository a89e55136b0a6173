import { Type, type Static } from '@sinclair/typebox';
import { Closed } from '@meic/contracts';
import { CountCell, GroupIdentity, RateCell, ViewHeader, ViewQueryFields } from '../kpi-views/kpi-views.schemas';
import { FUNNEL_STEP_NAMES } from './funnel-steps';

export const FunnelQuery = Closed({ ...ViewQueryFields });
export type FunnelQuery = Static<typeof FunnelQuery>;

const StepName = Type.Union(FUNNEL_STEP_NAMES.map((s) => Type.Literal(s)));

const FunnelStep = Type.Object({
  step: StepName,
  count: CountCell,
  conversion: Type.Union([RateCell, Type.Null()], {
    description: 'People with the previous step AND this one, over the previous step’s count (null for the first step)',
  }),
});

const Steps = Type.Array(FunnelStep, { description: 'enrolled → assessed → trained → internship → placed → employed6, in this order' });

export const FunnelResponse = Type.Object({
  ...ViewHeader,
  steps: Type.Array(StepName),
  groups: Type.Array(Type.Object({ ...GroupIdentity, steps: Steps })),
  totals: Type.Object({ steps: Steps }),
});
export type FunnelResponse = Static<typeof FunnelResponse>;
