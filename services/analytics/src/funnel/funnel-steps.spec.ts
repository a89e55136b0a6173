import type { Cell } from '../kpis/cell';
import { COHORT } from '../kpis/measures';
import { funnelMeasures, funnelSteps } from './funnel-steps';

const shown = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = { value: null, suppressed: true };
const SUPPRESSED_RATE = { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };

describe('funnelMeasures', () => {
  const m = funnelMeasures();

  it('counts each step over the enrolment cohort, whenever it happened', () => {
    expect(m.step_enrolled).toEqual(COHORT);
    expect(m.step_trained).toEqual({ all: [COHORT, { step: 'courseCompleted', when: 'ever' }] });
    expect(m.step_employed6).toEqual({ all: [COHORT, { step: 'employed6', when: 'ever' }] });
  });

  it('gives every conversion a numerator measure of its own: previous step AND this step', () => {
    expect(m.conv_trained).toEqual({ all: [COHORT, { step: 'assessed', when: 'ever' }, { step: 'courseCompleted', when: 'ever' }] });
    expect(m.conv_placed).toEqual({ all: [COHORT, { step: 'internshipStarted', when: 'ever' }, { step: 'placed', when: 'ever' }] });
    expect(m.conv_enrolled).toBeUndefined();
    // 6 step counts + 5 conversion numerators
    expect(Object.keys(m)).toHaveLength(11);
  });
});

describe('funnelSteps', () => {
  it('divides "previous AND this" by the previous count, not this step by the previous one', () => {
    const cells: Record<string, Cell> = {
      step_enrolled: shown(20),
      step_assessed: shown(16),
      conv_assessed: shown(16),
      // 9 trained, of whom only 8 were assessed (steps are not nested)
      step_trained: shown(9),
      conv_trained: shown(8),
      step_internship: hidden,
      conv_internship: hidden,
      step_placed: shown(6),
      conv_placed: hidden,
      step_employed6: shown(0),
      conv_employed6: shown(0),
    };
    const steps = funnelSteps((name) => cells[name] ?? hidden);
    expect(steps.map((s) => s.step)).toEqual(['enrolled', 'assessed', 'trained', 'internship', 'placed', 'employed6']);
    expect(steps.map((s) => s.count)).toEqual([shown(20), shown(16), shown(9), hidden, shown(6), shown(0)]);
    expect(steps[0]?.conversion).toBeNull();
    // 16/20 = 80%; Wilson: n=20, z²=3.8415, centre (0.8+0.0960)/1.1921 = 0.7517,
    // half 1.96·√(0.008+0.0024)/1.1921 = 0.1677 → [58.4, 91.9]
    expect(steps[1]?.conversion).toEqual({ value: 80, low: 58.4, high: 91.9, numerator: 16, denominator: 20, suppressed: false });
    // 8/16 = 50% (not 9/16): centre 0.5, half 1.96·√(0.015625+0.003751)/1.2401 = 0.2200 → [28.0, 72.0]
    expect(steps[2]?.conversion).toEqual({ value: 50, low: 28, high: 72, numerator: 8, denominator: 16, suppressed: false });
    // numerator and denominator (9 trained is shown, 3 of them with an internship is not) → suppressed
    expect(steps[3]?.conversion).toEqual(SUPPRESSED_RATE);
    // placed conversion: its denominator (internship) is suppressed → suppressed
    expect(steps[4]?.conversion).toEqual(SUPPRESSED_RATE);
    // 0/6: centre (3.8415/12)/(1+3.8415/6) = 0.1952, half 1.96·√(3.8415/144)/1.6402 = 0.1952 → [0, 39.0]
    expect(steps[5]?.conversion).toEqual({ value: 0, low: 0, high: 39, numerator: 0, denominator: 6, suppressed: false });
  });
});
