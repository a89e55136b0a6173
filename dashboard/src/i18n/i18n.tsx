import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { parseLang } from '@/filters/filters';
import { setLangInUrl } from '@/router/query';
import { useLocation } from '@/router/router';
import { createFormatter, type Formatter } from './format';
import { DEFAULT_LANG, type Lang } from './langs';
import { rememberLang, rememberedLang } from './lang-storage';
import { translate, type MessageKey, type MessageParams } from './messages';

export interface I18n {
  lang: Lang;
  t(key: MessageKey, params?: MessageParams): string;
  fmt: Formatter;
  setLang(lang: Lang): void;
}

const I18nContext = createContext<I18n | null>(null);

/** The language is the `lang` query parameter (boot.ts makes sure there is one). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const { search } = useLocation();
  const lang = parseLang(search) ?? rememberedLang() ?? DEFAULT_LANG;

  const setLang = useCallback((next: Lang) => {
    rememberLang(next);
    setLangInUrl(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ lang, t: (key, params) => translate(lang, key, params), fmt: createFormatter(lang), setLang }),
    [lang, setLang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
