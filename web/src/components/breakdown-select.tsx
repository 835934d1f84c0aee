/**
 * Choosing what to split a view by. Journey dimensions come from the map; traits are whatever
 * customers were identified with, so the common ones are offered and any other can be typed into
 * the address (`by=trait:plan`).
 */
export const COMMON_TRAITS = ['segment', 'device', 'region', 'acquisition'] as const;

export function BreakdownSelect({
  label,
  value,
  onChange,
  dimensions,
  allowNone = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  dimensions: readonly string[];
  allowNone?: boolean;
}) {
  const options = [
    ...(allowNone ? [{ value: '', label: 'nothing' }] : []),
    ...dimensions.map((d) => ({ value: d, label: d })),
    ...COMMON_TRAITS.map((t) => ({ value: `trait:${t}`, label: `customer ${t}` })),
  ];
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
