import { buildUrl, errorKindForStatus } from './http';
import { group, overview } from './overview.fixture';
import { parseOverviewResponse, ResponseShapeError } from './validate';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('parseOverviewResponse', () => {
  const good = overview([group({ key: 'IT-RM', label: 'Roma (IT-RM)', enrolled: 112, placed: null, targets: { enrolled: 120, placed: 45 } })]);

  it('accepts the contract shape', () => {
    expect(parseOverviewResponse(clone(good))).toEqual(good);
  });

  it('never lets a number through in a suppressed cell', () => {
    const body = clone(good) as unknown as { groups: { placed: unknown; placementRatePct: unknown }[] };
    body.groups[0]!.placed = { value: 3, suppressed: true };
    body.groups[0]!.placementRatePct = { value: 10, low: 1, high: 20, numerator: 3, denominator: 30, suppressed: true };
    const parsed = parseOverviewResponse(body);
    expect(parsed.groups[0]!.placed).toEqual({ value: null, suppressed: true });
    expect(parsed.groups[0]!.placementRatePct).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
  });

  it('reports where an unexpected body differs', () => {
    const body = clone(good) as unknown as { groups: { enrolled: unknown }[] };
    body.groups[0]!.enrolled = 112;
    expect(() => parseOverviewResponse(body)).toThrow(ResponseShapeError);
    try {
      parseOverviewResponse(body);
    } catch (e) {
      expect((e as ResponseShapeError).path).toBe('$.groups[0].enrolled');
    }
    expect(() => parseOverviewResponse({ groups: 'none' })).toThrow(ResponseShapeError);
    expect(() => parseOverviewResponse(null)).toThrow(ResponseShapeError);
  });
});

describe('http helpers', () => {
  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/analytics/v1/kpis/overview', { groupBy: 'site', from: null, to: '', site: 'IT-RM' })).toBe(
      '/api/analytics/v1/kpis/overview?groupBy=site&site=IT-RM',
    );
    expect(buildUrl('/x', {})).toBe('/x');
  });

  it('maps statuses to the states the views show', () => {
    expect(errorKindForStatus(401)).toBe('unauthorized');
    expect(errorKindForStatus(403)).toBe('forbidden');
    expect(errorKindForStatus(400)).toBe('bad-request');
    expect(errorKindForStatus(502)).toBe('unavailable');
    expect(errorKindForStatus(503)).toBe('unavailable');
    expect(errorKindForStatus(504)).toBe('timeout');
  });
});
