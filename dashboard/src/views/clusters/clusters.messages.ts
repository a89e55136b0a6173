import { defineMessages } from '../../i18n/define-messages';

export const clustersMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
