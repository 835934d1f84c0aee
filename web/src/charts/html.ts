const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML: every character that could open markup or an attribute. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The one way chart tooltips build HTML: ECharts puts a formatter's string into the page as
 * markup, and names in it (touchpoints, trait values, series) come from stored data, so every
 * interpolated value is escaped and only the template's own tags stay markup (issue #13, finding 4:
 * a trait value `<img src=x onerror=...>` reached the DOM through a tooltip).
 */
export function tooltipHtml(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? escapeHtml(values[i]) : ''), '');
}
