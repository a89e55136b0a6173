import { defineMessages } from '../../i18n/define-messages';

export const funnelMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
