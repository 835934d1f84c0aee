import { useState } from 'preact/hooks';
import { lastDays, PRESETS, type Period } from '../lib/period.ts';

/** Presets plus two date fields; the window goes into the address so the view can be shared. */
export function PeriodPicker({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const [draft, setDraft] = useState<Period>(period);
  const [editing, setEditing] = useState(false);
  const preset = PRESETS.find((p) => {
    const candidate = lastDays(p.days);
    return candidate.from === period.from && candidate.to === period.to;
  });
  const apply = (event: Event) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from <= draft.to) onChange(draft);
  };
  return (
    <div class="period-picker">
      <label>
        Period
        <select
          value={preset ? String(preset.days) : 'custom'}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value === 'custom') {
              setDraft(period);
              setEditing(true);
            } else {
              setEditing(false);
              onChange(lastDays(Number(value)));
            }
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.days} value={String(p.days)}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </select>
      </label>
      {(editing || !preset) && (
        <form class="custom-period" onSubmit={apply}>
          <label>
            From
            <input
              type="date"
              name="from"
              value={draft.from}
              max={draft.to}
              onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            />
          </label>
          <label>
            To
            <input
              type="date"
              name="to"
              value={draft.to}
              min={draft.from}
              onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            />
          </label>
          <button type="submit">Apply</button>
        </form>
      )}
    </div>
  );
}
