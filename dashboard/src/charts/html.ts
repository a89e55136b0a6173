/** Escapes text for ECharts' HTML tooltips (labels come from the API). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The data index a tooltip is for (the first series' for an axis tooltip); null when it names none. */
export function dataIndexOf(params: unknown): number | null {
  const first = Array.isArray(params) ? params[0] : params;
  if (typeof first === 'object' && first !== null && 'dataIndex' in first) {
    const i = (first as { dataIndex: unknown }).dataIndex;
    return typeof i === 'number' ? i : null;
  }
  return null;
}

/** The colour key of a series in a tooltip line. */
export function swatch(colour: string): string {
  return `<span style="display:inline-block;width:10px;height:10px;margin-right:6px;background:${colour}"></span>`;
}

/**
 * The tooltip of a bar chart with one row per category: the row under the pointer, written by
 * `render` (nothing for none). Confined to the chart unless told otherwise.
 */
export function barTooltip<R>(rows: readonly R[], render: (row: R) => string, opts: { confine?: boolean } = {}) {
  return {
    trigger: 'axis' as const,
    axisPointer: { type: 'shadow' as const },
    confine: opts.confine ?? true,
    formatter: (params: unknown) => {
      const i = dataIndexOf(params);
      const row = i === null ? undefined : rows[i];
      return row ? render(row) : '';
    },
  };
}
