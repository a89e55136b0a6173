import { paramPatch, paramSelect, readParam, type ViewParam } from './view-params';

const INTERVAL: ViewParam<'month' | 'quarter' | 'year'> = { name: 'interval', values: ['month', 'quarter', 'year'], fallback: 'quarter' };

describe('view parameters', () => {
  it('reads a known value, else the fallback', () => {
    expect(readParam(new URLSearchParams('interval=year'), INTERVAL)).toBe('year');
    expect(readParam(new URLSearchParams('interval=decade'), INTERVAL)).toBe('quarter');
    expect(readParam(new URLSearchParams(''), INTERVAL)).toBe('quarter');
  });

  it('writes a choice, and removes the parameter for the fallback', () => {
    expect(paramPatch(INTERVAL, 'month')).toEqual({ interval: 'month' });
    expect(paramPatch(INTERVAL, 'quarter')).toEqual({ interval: null });
  });

  it('describes a select with typed option labels', () => {
    const select = paramSelect(INTERVAL, 'Interval', (v) => v.toUpperCase());
    expect(select.param).toBe(INTERVAL);
    expect(select.param.values.map(select.optionLabel)).toEqual(['MONTH', 'QUARTER', 'YEAR']);
  });
});
