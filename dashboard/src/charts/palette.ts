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
