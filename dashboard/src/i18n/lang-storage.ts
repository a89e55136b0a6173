import { isLang, type Lang } from './langs';

const LANG_KEY = 'meic.dashboard.lang';

export function rememberedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v !== null && isLang(v) ? v : null;
  } catch {
    return null;
  }
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage disabled: the URL still carries the language
  }
}
