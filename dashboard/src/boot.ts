// Runs once before the first render: adopt a handed-over token, make the URL canonical.
import { adoptFragmentToken } from './auth/session';
import { parseFilters, parseLang, serializeQuery, viewParams } from './filters/filters';
import { rememberedLang } from './i18n/lang-storage';
import { DEFAULT_LANG, pickLang } from './i18n/langs';

export function boot(): void {
  adoptFragmentToken();

  const { pathname, search, hash } = window.location;
  const urlLang = parseLang(search);
  const lang = urlLang ?? rememberedLang() ?? pickLang(navigator.languages ?? [navigator.language]) ?? DEFAULT_LANG;
  // Always carry `lang` in the URL so that a copied link shows the same language.
  const canonical = pathname + serializeQuery(parseFilters(search), lang, viewParams(search)) + hash;
  if (canonical !== pathname + search + hash) window.history.replaceState(window.history.state, '', canonical);
}
