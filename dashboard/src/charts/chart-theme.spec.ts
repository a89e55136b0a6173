import { CHART_FONT, chartBase, textSize, tint } from './chart-theme';
import { barTooltip, dataIndexOf, swatch } from './html';

describe('chart theme', () => {
  it('starts every option with the aria description, the page font and the animation', () => {
    expect(chartBase('Summary.')).toEqual({ aria: { enabled: true, label: { description: 'Summary.' } }, animationDuration: 300, textStyle: { fontFamily: CHART_FONT } });
    expect(chartBase(undefined, { animate: false, decal: true })).toEqual({ aria: { enabled: true, decal: { show: true } }, animation: false, textStyle: { fontFamily: CHART_FONT } });
  });

  it('makes text one step smaller on a compact chart', () => {
    expect(textSize(false)).toBeGreaterThan(textSize(true));
  });

  it('tints a colour', () => {
    expect(tint('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)');
  });
});

describe('tooltip helpers', () => {
  it('finds the data index of an item or of the first series of an axis tooltip', () => {
    expect(dataIndexOf({ dataIndex: 2 })).toBe(2);
    expect(dataIndexOf([{ dataIndex: 1 }, { dataIndex: 1 }])).toBe(1);
    expect(dataIndexOf([])).toBeNull();
    expect(dataIndexOf({ dataIndex: 'x' })).toBeNull();
  });

  it('writes the row under the pointer of a bar chart, nothing for none', () => {
    const tooltip = barTooltip(['a', 'b'], (row) => `<b>${row}</b>`);
    expect(tooltip).toMatchObject({ trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true });
    expect(tooltip.formatter([{ dataIndex: 1 }])).toBe('<b>b</b>');
    expect(tooltip.formatter([{ dataIndex: 5 }])).toBe('');
    expect(barTooltip([], String, { confine: false }).confine).toBe(false);
    expect(swatch('#000')).toContain('background:#000');
  });
});
