import { defineMessages } from '../../i18n/define-messages';

export const indicatorsMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
