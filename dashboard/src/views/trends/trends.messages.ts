import { defineMessages } from '../../i18n/define-messages';

export const trendsMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
