import { defineMessages } from '../../i18n/define-messages';

export const breakdownsMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
