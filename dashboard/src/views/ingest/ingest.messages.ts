import { defineMessages } from '../../i18n/define-messages';

export const ingestMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
