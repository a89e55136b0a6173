export const LANGS = ['en', 'it', 'el'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'en';

/** BCP 47 locale used for Intl number and date formatting. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', it: 'it-IT', el: 'el-GR' };

/** Each language names itself in the selector. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', it: 'Italiano', el: 'Ελληνικά' };

export function isLang(v: string): v is Lang {
  return (LANGS as readonly string[]).includes(v);
}

/** First supported language among the browser's preferences. */
export function pickLang(preferences: readonly string[]): Lang | null {
  for (const p of preferences) {
    const base = p.toLowerCase().split('-')[0] ?? '';
    if (isLang(base)) return base;
  }
  return null;
}
