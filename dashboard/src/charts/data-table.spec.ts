import { exportFileName, toCsv, type DataTableModel } from './data-table';

const labels = { suppressed: 'suppressed', ciLow: (l: string) => `${l} low`, ciHigh: (l: string) => `${l} high` };

describe('toCsv', () => {
  const table: DataTableModel = {
    caption: 'Placement rate by site',
    columns: [
      { key: 'site', label: 'Site', kind: 'text' },
      { key: 'enrolled', label: 'Enrolled', kind: 'count' },
      { key: 'rate', label: 'Placement rate', kind: 'rate' },
      { key: 'median', label: 'Median days', kind: 'number' },
    ],
    rows: [
      {
        key: 'IT-RM',
        cells: ['Rome, "Roma"', { value: 1234, suppressed: false }, { value: 41.5, low: 38.7, high: 44.3, numerator: 512, denominator: 1234, suppressed: false }, 118],
      },
      { key: 'HU-BUD', cells: ['Budapest', { value: null, suppressed: true }, { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true }, null] },
    ],
    footer: [{ key: 'total', cells: ['Total', 1248, null, 120.5] }],
  };

  it('writes raw numbers, interval columns, quoted text, and never a zero for a suppressed cell', () => {
    expect(toCsv(table, labels).split('\r\n')).toEqual([
      'Site,Enrolled,Placement rate,Placement rate low,Placement rate high,Median days',
      '"Rome, ""Roma""",1234,41.5,38.7,44.3,118',
      'Budapest,suppressed,suppressed,suppressed,suppressed,',
      'Total,1248,,,,120.5',
      '',
    ]);
  });
});

describe('exportFileName', () => {
  it('joins the parts that are set into a safe name', () => {
    expect(exportFileName(['meic', 'funnel', 'Χρόνος', null, 'IT', '2025-01-01'], 'png')).toBe('meic-funnel-IT-2025-01-01.png');
    expect(exportFileName(['meic', 'Città di Roma'], 'csv')).toBe('meic-Citta-di-Roma.csv');
    expect(exportFileName([], 'csv')).toBe('meic.csv');
  });
});
