import { useState } from 'preact/hooks';
import {
  DRIVER_OUTCOMES,
  understand,
  type DriverOutcome,
  type DriversAnswer,
  type Estimate,
  type WhatIfQuestion,
} from '../../api/understand.ts';
import { NotAvailable, ResourceView } from '../../components/resource-view.tsx';
import { useApiHas } from '../../lib/api-paths.ts';
import { formatShare } from '../../lib/format.ts';
import { touchpointName, useJourneyIndex } from '../../lib/journey-index.ts';
import type { Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';

type Candidate = DriversAnswer['selection']['candidates'][number];

/** The unit a lift is given in, for a touchpoint asked in this metric (as the API reads it). */
function liftUnit(c: Candidate | undefined): string {
  if (!c) return 'points';
  if (c.metric === 'nps') return 'NPS points';
  if (c.metric === 'csat' && c.scale.max - c.scale.min >= 2) return 'top-2-box percentage points';
  return `points on its ${c.scale.min}-${c.scale.max} scale`;
}

const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Signed, two decimals; a value that rounds to zero is "0.00", never "-0.00". */
function formatEffect(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  if (rounded === 0) return twoDecimals.format(0);
  return `${rounded > 0 ? '+' : ''}${twoDecimals.format(rounded)}`;
}

/** "If we lift touchpoint X (or halve its bad experiences), what happens to the outcome?" */
export function WhatIfPanel({ period }: { period: Period }) {
  const [outcome, setOutcome] = useState<DriverOutcome>('nps');
  const available = useApiHas('/v1/analyze/what-if');
  // Only touchpoints with scores in the period can be moved: the driver selection lists them.
  const drivers = useResource(
    (signal) => understand.drivers(period, outcome, signal),
    [period.from, period.to, outcome],
  );
  if (available === false) return <NotAvailable label="what-if estimates" />;
  return (
    <div class="what-if">
      <ResourceView resource={drivers} label="the touchpoints a what-if can move">
        {(data) => (
          <WhatIfForm
            period={period}
            outcome={outcome}
            setOutcome={setOutcome}
            candidates={data.selection.candidates}
          />
        )}
      </ResourceView>
    </div>
  );
}

function WhatIfForm({
  period,
  outcome,
  setOutcome,
  candidates,
}: {
  period: Period;
  outcome: DriverOutcome;
  setOutcome: (o: DriverOutcome) => void;
  candidates: Candidate[];
}) {
  const journey = useJourneyIndex();
  const ids = new Set(candidates.map((c) => c.touchpoint));
  const unscored = journey
    ? [...journey.touchpoints.values()].map((t) => t.touchpoint).filter((t) => !ids.has(t.id))
    : [];
  const [touchpoint, setTouchpoint] = useState(
    candidates.find((c) => c.touchpoint === 'delivery')?.touchpoint ?? candidates[0]?.touchpoint ?? '',
  );
  const [mode, setMode] = useState<'lift' | 'halve'>('lift');
  const [lift, setLift] = useState(1);
  const [asked, setAsked] = useState<WhatIfQuestion | null>(null);
  const chosen = candidates.find((c) => c.touchpoint === touchpoint);
  return (
    <>
      <form
        class="controls card"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) setAsked({ touchpoint, lift: mode === 'halve' ? null : lift, outcome });
        }}
      >
        <label>
          Touchpoint
          <select value={touchpoint} onChange={(e) => setTouchpoint(e.currentTarget.value)}>
            {candidates.map((c) => (
              <option key={c.touchpoint} value={c.touchpoint}>
                {c.name}
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
            {liftUnit(chosen)}
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
        <button type="submit" disabled={!chosen}>
          Estimate
        </button>
      </form>
      {unscored.length > 0 && (
        <p class="help" data-testid="what-if-unscored">
          Not offered, because customers gave them no survey score in this period (a what-if moves scores):{' '}
          {unscored.map((t) => t.name).join(', ')}.
        </p>
      )}
      {candidates.length === 0 && (
        <p class="state state-empty" role="status">
          No touchpoint has survey scores in this period, so there is nothing a what-if can move.
        </p>
      )}
      {asked && <WhatIfAnswerView period={period} question={asked} />}
    </>
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
                ` — the change moves ${touchpointName(journey, data.touchpoint)} by ${formatEffect(data.change.deltaScore)} points of its scale on average, its bad experiences from ${formatShare(data.change.badShareBefore)} to ${formatShare(data.change.badShareAfter)}.`}
            </p>
            <dl class="evidence">
              {data.baseline !== undefined && (
                <div>
                  <dt>Now</dt>
                  <dd>
                    {twoDecimals.format(data.baseline)} (
                    {data.unit.replace(/^percentage points of /, '% of ').replace(/^NPS points/, 'NPS')})
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
                Indirect, by way of (in mean answer points of {data.outcome}):{' '}
                {data.paths
                  .filter((p) => p.contribution !== 0)
                  .map((p) => `${touchpointName(journey, p.touchpoint)} ${formatEffect(p.contribution)}`)
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
        {formatEffect(value.estimate)}
        {unit && ` ${unit}`}
        {value.ci95 && (
          <span class="score-sample">
            {' '}
            (95 % CI {formatEffect(value.ci95[0])} to {formatEffect(value.ci95[1])})
          </span>
        )}
      </dd>
    </div>
  );
}
