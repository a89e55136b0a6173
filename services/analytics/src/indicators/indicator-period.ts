/** `period` of GET /v1/indicators: a year, a quarter, a month or an inclusive date range. */
export const PERIOD_PATTERN = '^(\\d{4}|\\d{4}-Q[1-4]|\\d{4}-\\d{2}|\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2})$';

export interface Period {
  from: string;
  to: string;
}

/** No period: the whole history (the same bounds as the other KPI endpoints). */
export const WHOLE_HISTORY: Period = { from: '1900-01-01', to: '2299-12-31' };

/** Thrown with a message fit to follow the field name (`period …`). */
export class PeriodError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function isoDate(s: string): string {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) throw new PeriodError(`has no such date ${s}`);
  return s;
}

export function parsePeriod(period: string | undefined): Period {
  if (period === undefined) return WHOLE_HISTORY;
  if (!new RegExp(PERIOD_PATTERN).test(period)) throw new PeriodError('must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD');
  if (/^\d{4}$/.test(period)) return { from: `${period}-01-01`, to: `${period}-12-31` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw new PeriodError(`has no month ${month[2]}`);
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${lastDay(y, m)}` };
  }
  const [from, to] = period.split('..') as [string, string];
  const range = { from: isoDate(from), to: isoDate(to) };
  if (range.from > range.to) throw new PeriodError(`starts (${range.from}) after it ends (${range.to})`);
  return range;
}
