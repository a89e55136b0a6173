import { Type, type Static } from '@sinclair/typebox';
import { Closed } from '@meic/contracts';
import { BREAKDOWN_DIMENSIONS } from '../kpis/measures';
import { CountCell, GroupIdentity, RateCell, ViewHeader, ViewQueryFields } from '../kpi-views/kpi-views.schemas';

export const BREAKDOWN_METRICS = ['enrolled', 'placed', 'trained', 'internshipsStarted', 'dropouts', 'placementRate'] as const;
export type BreakdownMetric = (typeof BREAKDOWN_METRICS)[number];

const Metric = Type.Union(BREAKDOWN_METRICS.map((m) => Type.Literal(m)));
const By = Type.Union(BREAKDOWN_DIMENSIONS.map((d) => Type.Literal(d)));

export const BreakdownQuery = Closed({ ...ViewQueryFields, metric: Metric, by: By });
export type BreakdownQuery = Static<typeof BreakdownQuery>;

const Figure = {
  count: Type.Object({ ...CountCell.properties }, { description: 'The metric’s count; for placementRate the cohort placed (rate numerator)' }),
  rate: Type.Union([RateCell, Type.Null()], { description: 'placementRate only: cohort placed (whenever, up to asOf) over people enrolled in the period' }),
};

const Breakdown = {
  total: Type.Object(Figure, { description: 'The group over all categories' }),
  categories: Type.Array(Type.Object({ category: Type.String(), ...Figure })),
};

export const BreakdownResponse = Type.Object({
  ...ViewHeader,
  metric: Metric,
  by: By,
  exhaustive: Type.Boolean({ description: 'false for courseType: one person counts in every course type they took (or "none"), so columns do not add up to the total' }),
  categories: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({ ...GroupIdentity, ...Breakdown })),
  totals: Type.Object(Breakdown),
});
export type BreakdownResponse = Static<typeof BreakdownResponse>;
