import type { Cell } from '../kpis/cell';
import { rateOf } from '../kpis/kpi-engine.service';
import { COHORT, ever, type Condition, type Step } from '../kpis/measures';
import type { RateWithInterval } from '../kpis/statistics';

/** The pathway as the funnel shows it, in order: response name and the step of `measures.ts`. */
export const FUNNEL_STEPS = [
  { name: 'enrolled', step: 'enrolled' },
  { name: 'assessed', step: 'assessed' },
  { name: 'trained', step: 'courseCompleted' },
  { name: 'internship', step: 'internshipStarted' },
  { name: 'placed', step: 'placed' },
  { name: 'employed6', step: 'employed6' },
] as const satisfies readonly { name: string; step: Step }[];

export type FunnelStepName = (typeof FUNNEL_STEPS)[number]['name'];
export const FUNNEL_STEP_NAMES: FunnelStepName[] = FUNNEL_STEPS.map((s) => s.name);

/** Measure counting people who reached `name` (and, for `conversion`, also the step before it). */
export const stepMeasure = (name: FunnelStepName) => `step_${name}`;
export const conversionMeasure = (name: FunnelStepName) => `conv_${name}`;

/**
 * The funnel's measures over the enrolment cohort of the period, each step counted whenever it
 * happens up to the evaluation date. Steps are not nested (a person can be placed without an
 * internship), so "previous step AND this step" is a measure of its own rather than this step's
 * count: it is the conversion's numerator, published like every other count.
 */
export function funnelMeasures(): Record<string, Condition> {
  const defs: Record<string, Condition> = {};
  FUNNEL_STEPS.forEach((s, i) => {
    defs[stepMeasure(s.name)] = i === 0 ? COHORT : { all: [COHORT, ever(s.step)] };
    const prev = FUNNEL_STEPS[i - 1];
    if (prev) defs[conversionMeasure(s.name)] = { all: [COHORT, ever(prev.step), ever(s.step)] };
  });
  return defs;
}

export interface FunnelStep {
  step: FunnelStepName;
  count: Cell;
  /** Share of the previous step's people who reached this step too; null for the first step. */
  conversion: RateWithInterval | null;
}

/** The steps of one group from its published cells (`cell(measureName)`). */
export function funnelSteps(cell: (measure: string) => Cell): FunnelStep[] {
  return FUNNEL_STEPS.map((s, i) => {
    const prev = FUNNEL_STEPS[i - 1];
    return {
      step: s.name,
      count: cell(stepMeasure(s.name)),
      conversion: prev ? rateOf(cell(conversionMeasure(s.name)), cell(stepMeasure(prev.name))) : null,
    };
  });
}
