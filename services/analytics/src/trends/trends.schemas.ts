import { Type, type Static } from '@sinclair/typebox';
import { Closed } from '@meic/contracts';
import { CountCell, GroupIdentity, ViewHeader, ViewQueryFields } from '../kpi-views/kpi-views.schemas';
import { MAX_BUCKETS, TREND_METRIC_NAMES } from './trend-window';

const Metric = Type.Union(TREND_METRIC_NAMES.map((m) => Type.Literal(m)));
const Interval = Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]);

export const TrendsQuery = Closed({
  ...ViewQueryFields,
  metric: Metric,
  interval: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')], { default: 'month', description: `At most ${MAX_BUCKETS} buckets per series` })),
});
export type TrendsQuery = Static<typeof TrendsQuery>;

const Series = Type.Array(Type.Object({ period: Type.String({ format: 'date', description: 'First day of the bucket' }), value: CountCell }), {
  description: 'Every bucket of the period, in order; a bucket with nobody is 0',
});

export const TrendsResponse = Type.Object({
  ...ViewHeader,
  metric: Metric,
  interval: Interval,
  periods: Type.Array(Type.String({ format: 'date' })),
  groups: Type.Array(Type.Object({ ...GroupIdentity, total: CountCell, series: Series })),
  totals: Type.Object({ total: CountCell, series: Series }),
});
export type TrendsResponse = Static<typeof TrendsResponse>;
