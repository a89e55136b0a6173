import { defineMessages } from '../../i18n/define-messages';

export const cohortsMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
