// Each view keeps its messages beside it (views/<view>/<view>.messages.ts); messages.ts merges
// them into the one catalogue. English defines the keys; the other languages must carry them all.
export interface ViewMessages<E extends Record<string, string>> {
  en: E;
  it: Record<keyof E, string>;
  el: Record<keyof E, string>;
}

export function defineMessages<const E extends Record<string, string>>(messages: ViewMessages<E>): ViewMessages<E> {
  return messages;
}
