import { defineMessages } from '../../i18n/define-messages';

export const timeToPlacementMessages = defineMessages({
  en: {},
  it: {},
  el: {},
});
