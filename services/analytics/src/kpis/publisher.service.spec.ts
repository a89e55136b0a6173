import type { Principal } from '@meic/service-kit';
import { DisclosurePlanError, planDisclosure, type MeasureInput } from '../disclosure/disclosure-plan';
import { MAX_PLANS, PublisherService, type MeasureCounts } from './publisher.service';

// The planner itself is tested in disclosure-plan.spec.ts; here it is made to refuse any
// categorised table, as it does when published totals and zeros pin a category cell.
const mockPlanned = { count: 0 };
jest.mock('../disclosure/disclosure-plan', () => {
  const actual = jest.requireActual<typeof import('../disclosure/disclosure-plan')>('../disclosure/disclosure-plan');
  return {
    ...actual,
    planDisclosure: (input: MeasureInput, minCell: number) => {
      mockPlanned.count++;
      if (input.categories.length > 0) throw new actual.DisclosurePlanError('no pattern protects the cell');
      return actual.planDisclosure(input, minCell);
    },
  };
});

const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };

describe('PublisherService', () => {
  const sites = ['A', 'B', 'C', 'D', 'E'].map((c) => ({ code: `IT-${c}`, country: 'IT', programme: 'AMIL' }));
  const input = { key: 'k', sites, categories: ['female', 'male'], exhaustive: true, counts: sites.map((_, i) => [3, 3 + i]), totals: sites.map((_, i) => 6 + i) };

  it('the planner (mocked) refuses categorised tables', () => {
    expect(() => planDisclosure({ ...input }, 5)).toThrow(DisclosurePlanError);
  });

  it('withholds the whole breakdown, zeros included, and still shows the totals of the plan without categories', () => {
    const m = new PublisherService(5).publish(lead, input);
    // Totals 6..10 are not small: all shown; 6 + 7 + 8 + 9 + 10 = 40 for the country.
    expect(m.cell('site', 'IT-A', null)).toEqual({ value: 6, suppressed: false });
    expect(m.cell('country', 'IT', null)).toEqual({ value: 40, suppressed: false });
    expect(m.cell('country', 'IT', 'female')).toEqual({ value: null, suppressed: true });
    expect(m.cell('country', 'IT', 'male')).toEqual({ value: null, suppressed: true });
    expect(m.cell('site', 'IT-A', 'male')).toEqual({ value: null, suppressed: true });
  });

  it('shows site_staff the counts of their own sites only, unsuppressed', () => {
    const m = new PublisherService(5).publish({ sub: 's', role: 'site_staff', sites: ['IT-A', 'IT-B'] }, input);
    // IT-A 6 + IT-B 7 = 13; IT-A's women 3.
    expect(m.cell('country', 'IT', null)).toEqual({ value: 13, suppressed: false });
    expect(m.cell('site', 'IT-A', 'female')).toEqual({ value: 3, suppressed: false });
  });
});

describe('PublisherService plan cache', () => {
  const sites = ['A', 'B', 'C'].map((c) => ({ code: `IT-${c}`, country: 'IT', programme: 'AMIL' }));
  /** A measure without categories (one plan each), told apart by its first total. */
  const measure = (n: number): MeasureCounts => ({ key: `k${n}`, sites, categories: [], exhaustive: true, counts: sites.map(() => []), totals: [10 + n, 20, 30] });
  const plans = (run: () => void) => {
    const before = mockPlanned.count;
    run();
    return mockPlanned.count - before;
  };

  afterEach(() => jest.useRealTimers());

  it('plans unchanged numbers once, however long ago (a plan is a function of its numbers)', () => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    const publisher = new PublisherService(5);
    expect(plans(() => publisher.publish(lead, measure(1)))).toBe(1);
    jest.setSystemTime(new Date('2026-11-24T18:00:00Z'));
    expect(plans(() => publisher.publish(lead, measure(1)))).toBe(0);
    // The same caller key over other numbers is another plan.
    expect(plans(() => publisher.publish(lead, { ...measure(1), totals: [11, 20, 31] }))).toBe(1);
  });

  it(`keeps at most ${MAX_PLANS} plans, evicting the least recently used`, () => {
    const publisher = new PublisherService(5);
    expect(plans(() => Array.from({ length: MAX_PLANS }, (_, n) => publisher.publish(lead, measure(n))))).toBe(MAX_PLANS);
    expect(publisher.cachedPlans).toBe(MAX_PLANS);
    // Reading measure 0 makes measure 1 the least recently used: the next new plan evicts it.
    expect(plans(() => publisher.publish(lead, measure(0)))).toBe(0);
    expect(plans(() => publisher.publish(lead, measure(MAX_PLANS)))).toBe(1);
    expect(publisher.cachedPlans).toBe(MAX_PLANS);
    expect(plans(() => publisher.publish(lead, measure(0)))).toBe(0);
    expect(plans(() => publisher.publish(lead, measure(1)))).toBe(1);
    expect(publisher.cachedPlans).toBe(MAX_PLANS);
  });
});
