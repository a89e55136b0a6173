// The look every chart shares, in one place: colours, the font, text sizes and the parts of an
// ECharts option that every transform starts from. Plain data and pure functions, so transforms
// stay free of ECharts and of the DOM at run time.

// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
// https://jfly.uni-koeln.de/color/
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Series order for categorical charts (yellow last: weak contrast on white). */
export const CATEGORICAL = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
] as const;

/** Neutral greys shared by charts, matching the page's CSS variables. */
export const INK = {
  text: '#1d2733',
  muted: '#5b6673',
  axis: '#8a94a0',
  grid: '#e3e7ec',
} as const;

/** Same colour, made translucent, for "target" marks drawn behind actual values. */
export function tint(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The page's font stack, so that a chart (and its PNG export) reads like the page around it. */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';

/** Below this width the charts are drawn compact: smaller text, narrower labels, fewer ticks. */
export const COMPACT_MEDIA = '(max-width: 640px)';

/** Text sizes in px: legends and category labels (`text`), value labels (`label`), and smaller. */
export const FONT_SIZE = { tiny: 9, small: 10, label: 11, text: 12 } as const;

/** Legends and category-axis labels: one step smaller on a compact chart. */
export const textSize = (compact: boolean): number => (compact ? FONT_SIZE.label : FONT_SIZE.text);

/** Labels written on or beside the marks: one step smaller on a compact chart. */
export const labelSize = (compact: boolean): number => (compact ? FONT_SIZE.small : FONT_SIZE.label);

/**
 * What every option starts with: the aria component with the chart's text alternative (and
 * decal patterns when colour alone would tell series apart), the page's font and a short
 * animation (none for a chart that refreshes on its own).
 */
export function chartBase(ariaDescription: string | undefined, opts: { animate?: boolean; decal?: boolean } = {}) {
  return {
    aria: { enabled: true, ...(opts.decal ? { decal: { show: true } } : {}), ...(ariaDescription ? { label: { description: ariaDescription } } : {}) },
    ...(opts.animate === false ? { animation: false } : { animationDuration: 300 }),
    textStyle: { fontFamily: CHART_FONT },
  };
}

/** Legend entries. */
export const legendText = (compact: boolean) => ({ color: INK.text, fontSize: textSize(compact) });

/** The light lines across the plot at each value tick. */
export const GRID_LINES = { lineStyle: { color: INK.grid } };

/** A drawn axis line. */
export const AXIS_LINE = { lineStyle: { color: INK.axis } };

/** Tick labels of a value axis. */
export const valueAxisLabel = (formatter: (v: number) => string) => ({ color: INK.muted, formatter });

/**
 * The category axis of a horizontal bar chart: the first row at the top, labels wrapped or cut
 * at `width` pixels.
 */
export function rowsAxis(labels: string[], label: { fontSize: number; width: number; overflow: 'break' | 'truncate'; lineHeight?: number; fontWeight?: 'normal' }) {
  return { type: 'category' as const, inverse: true, data: labels, axisTick: { show: false }, axisLine: AXIS_LINE, axisLabel: { color: INK.text, ...label } };
}
