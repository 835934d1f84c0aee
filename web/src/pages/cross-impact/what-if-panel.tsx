import { useState } from 'preact/hooks';
import {
  DRIVER_OUTCOMES,
  understand,
  type DriverOutcome,
  type Estimate,
  type WhatIfQuestion,
} from '../../api/understand.ts';
import { NotAvailable, ResourceView } from '../../components/resource-view.tsx';
import { useApiHas } from '../../lib/api-paths.ts';
import { formatDecimal, formatInterval, formatShare, formatSigned } from '../../lib/format.ts';
import { touchpointName, useJourneyIndex } from '../../lib/journey-index.ts';
import type { Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';

/** "If we lift touchpoint X by d points (or halve its bad experiences), what happens to the outcome?" */
export function WhatIfPanel({ period }: { period: Period }) {
  const journey = useJourneyIndex();
  const touchpoints = journey ? [...journey.touchpoints.values()].map((t) => t.touchpoint) : [];
  const [touchpoint, setTouchpoint] = useState('delivery');
  const [mode, setMode] = useState<'lift' | 'halve'>('lift');
  const [lift, setLift] = useState(1);
  const [outcome, setOutcome] = useState<DriverOutcome>('nps');
  const [asked, setAsked] = useState<WhatIfQuestion | null>(null);
  const available = useApiHas('/v1/analyze/what-if');
  if (available === false) return <NotAvailable label="what-if estimates" />;

  return (
    <div class="what-if">
      <form
        class="controls card"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked({ touchpoint, lift: mode === 'halve' ? null : lift, outcome });
        }}
      >
        <label>
          Touchpoint
          <select value={touchpoint} onChange={(e) => setTouchpoint(e.currentTarget.value)}>
            {touchpoints.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Change
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value as 'lift' | 'halve')}>
            <option value="lift">lift its score by</option>
            <option value="halve">halve its bad experiences</option>
          </select>
        </label>
        {mode === 'lift' && (
          <label>
            Points
            <input
              type="number"
              step="0.1"
              value={lift}
              onInput={(e) => setLift(Number(e.currentTarget.value) || 0)}
            />
          </label>
        )}
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as DriverOutcome)}>
            {DRIVER_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Estimate</button>
      </form>
      {asked && <WhatIfAnswerView period={period} question={asked} />}
    </div>
  );
}

function WhatIfAnswerView({ period, question }: { period: Period; question: WhatIfQuestion }) {
  const journey = useJourneyIndex();
  const answer = useResource(
    (signal) => understand.whatIf(period, question, signal),
    [period.from, period.to, question.touchpoint, question.lift, question.outcome],
  );
  return (
    <ResourceView resource={answer} label="the what-if estimate">
      {(data) =>
        !data.ok ? (
          <p class="state state-empty" role="status">
            No estimate for this question: {data.error?.message}
          </p>
        ) : (
          <div class="card" data-testid="what-if" aria-live="polite">
            <p>
              {data.outcomeDefinition ?? data.outcome}
              {data.change &&
                ` — the change moves ${touchpointName(journey, data.touchpoint)} by ${formatSigned(data.change.deltaScore)} points on average, its bad experiences from ${formatShare(data.change.badShareBefore)} to ${formatShare(data.change.badShareAfter)}.`}
            </p>
            <dl class="evidence">
              {data.baseline !== undefined && (
                <div>
                  <dt>Now</dt>
                  <dd>
                    {formatDecimal(data.baseline)} {data.unit}
                  </dd>
                </div>
              )}
              <EstimateRow label="Direct effect (driver model)" value={data.direct} unit={data.unit} />
              <EstimateRow
                label="Indirect effect (through other touchpoints)"
                value={data.indirect}
                unit={data.unit}
              />
              <EstimateRow label="Total" value={data.total} unit={data.unit} testId="what-if-total" />
            </dl>
            {data.paths && data.paths.some((p) => p.contribution !== 0) && (
              <p class="help">
                Indirect, by way of:{' '}
                {data.paths
                  .filter((p) => p.contribution !== 0)
                  .map((p) => `${touchpointName(journey, p.touchpoint)} ${formatSigned(p.contribution)}`)
                  .join(', ')}
              </p>
            )}
            <details>
              <summary>Assumptions</summary>
              <ul>
                {data.assumptions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </details>
            {data.notes.map((note) => (
              <p key={note} class="help">
                {note}
              </p>
            ))}
          </div>
        )
      }
    </ResourceView>
  );
}

function EstimateRow({
  label,
  value,
  unit = '',
  testId,
}: {
  label: string;
  value: Estimate | null | undefined;
  unit?: string;
  testId?: string;
}) {
  if (!value) return null;
  return (
    <div data-testid={testId} data-value={value.estimate}>
      <dt>{label}</dt>
      <dd>
        {formatSigned(value.estimate)}
        {unit && ` ${unit}`}
        {value.ci95 && <span class="score-sample"> (95 % CI {formatInterval(value.ci95)})</span>}
      </dd>
    </div>
  );
}
