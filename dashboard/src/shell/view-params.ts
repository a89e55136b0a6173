// A view's own query parameters with a fixed set of values (a breakdown's metric, the trends'
// interval, the clusters' count): read with a fallback, written without the default so that a
// link stays short. Pure.

export interface ViewParam<V extends string> {
  name: string;
  values: readonly V[];
  /** The value when the URL has none (or one not in `values`); choosing it removes the parameter. */
  fallback: V;
}

export function readParam<V extends string>(params: URLSearchParams, param: ViewParam<V>): V {
  const raw = params.get(param.name);
  return raw !== null && (param.values as readonly string[]).includes(raw) ? (raw as V) : param.fallback;
}

/** The change to the view's parameters that chooses `value` (for useViewParams' setter). */
export function paramPatch(param: ViewParam<string>, value: string): Record<string, string | null> {
  return { [param.name]: value === param.fallback ? null : value };
}

/** A select in the view's controls row: its parameter, its label and how each value reads. */
export interface ParamSelect {
  param: ViewParam<string>;
  label: string;
  optionLabel(value: string): string;
}

export function paramSelect<V extends string>(param: ViewParam<V>, label: string, optionLabel: (value: V) => string): ParamSelect {
  return { param, label, optionLabel: (value) => optionLabel(value as V) };
}
