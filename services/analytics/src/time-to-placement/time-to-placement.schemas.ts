import { Type, type Static } from '@sinclair/typebox';
import { Closed } from '@meic/contracts';
import { CountCell, GroupIdentity, ViewHeader, ViewQueryFields } from '../kpi-views/kpi-views.schemas';

export const TimeToPlacementQuery = Closed({ ...ViewQueryFields });
export type TimeToPlacementQuery = Static<typeof TimeToPlacementQuery>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Curve = {
  cohort: Type.Object({ ...CountCell.properties }, { description: 'People enrolled in the period (the overview’s `enrolled`)' }),
  events: Type.Object({ ...CountCell.properties }, { description: 'Of them, placed by asOf' }),
  suppressed: Type.Boolean({ description: 'true: fewer than the minimum at risk from the start, so no step is shown' }),
  truncatedAt: Nullable(Type.Integer({ description: 'Last day shown when the tail (fewer than the minimum at risk) was cut' })),
  curve: Nullable(
    Type.Array(
      Type.Object({
        t: Type.Integer({ description: 'Days since enrolment' }),
        survival: Type.Number({ description: 'Share not yet placed, S(t)' }),
        low: Nullable(Type.Number()),
        high: Nullable(Type.Number()),
      }),
      { description: 'Kaplan–Meier steps with the 95% log-log band, from (0, 1). For roles other than site_staff the curve of perturbed counts per 30-day bucket, stepping at bucket ends' },
    ),
  ),
  atRisk: Type.Array(Type.Object({ t: Type.Integer(), count: CountCell }), { description: 'Numbers at risk (time ≥ t) at 0, 30, 90, 180, 360, 540 and 720 days' }),
  median: Type.Object({ t: Nullable(Type.Integer()), low: Nullable(Type.Integer()), high: Nullable(Type.Integer()) }, { description: 'Median days to placement and its 95% limits, null where the shown curve does not reach 0.5' }),
};

export const TimeToPlacementResponse = Type.Object({
  ...ViewHeader,
  riskTimes: Type.Array(Type.Integer()),
  groups: Type.Array(Type.Object({ ...GroupIdentity, ...Curve })),
  totals: Type.Object(Curve),
});
export type TimeToPlacementResponse = Static<typeof TimeToPlacementResponse>;
