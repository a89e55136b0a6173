// Number and date formatting through Intl, for one locale. Pure: no DOM, no React.
import { LOCALES, type Lang } from './langs';

export interface Formatter {
  readonly locale: string;
  /** 1234 -> "1,234" (en) / "1.234" (it, el) */
  number(n: number): string;
  /** Percent points (0-100) -> "41%"; `digits` fraction digits. */
  percent(pct: number, digits?: number): string;
  /** "41% (30–52%)"; interval omitted when a bound is missing. */
  percentWithInterval(pct: number, low: number | null, high: number | null): string;
  /** ISO date (YYYY-MM-DD) or timestamp -> medium date in the locale. */
  date(iso: string): string;
  /** ISO timestamp -> date and time. */
  dateTime(iso: string): string;
  /** Short time of day. */
  time(d: Date): string;
  /** Region code -> localised country name ("IT" -> "Italia"), or the code itself. */
  country(code: string): string;
  /** "A, B and C" in the locale. */
  list(items: string[]): string;
}

export function createFormatter(lang: Lang): Formatter {
  const locale = LOCALES[lang];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percentFmt = new Map<number, Intl.NumberFormat>();
  const pct = (digits: number): Intl.NumberFormat => {
    let f = percentFmt.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits });
      percentFmt.set(digits, f);
    }
    return f;
  };
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });

  const number = (n: number): string => (Number.isInteger(n) ? integer.format(n) : decimal.format(n));
  const percent = (p: number, digits = 0): string => pct(digits).format(p / 100);
  // Bounds without the % sign, so "41% (30–52%)" reads as one interval.
  const bound = (p: number): string => decimal.format(Math.round(p));

  return {
    locale,
    number,
    percent,
    percentWithInterval(p, low, high) {
      if (low === null || high === null) return percent(p);
      return `${percent(p)} (${bound(low)}–${percent(high)})`;
    },
    date(iso) {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
    },
    dateTime(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
    },
    time(d) {
      return timeFmt.format(d);
    },
    country(code) {
      try {
        return /^[A-Z]{2}$/.test(code) ? (regions.of(code) ?? code) : code;
      } catch {
        return code;
      }
    },
    list(items) {
      return lists.format(items);
    },
  };
}
