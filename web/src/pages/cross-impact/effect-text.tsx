import type { Effect } from '../../api/understand.ts';
import {
  formatCount,
  formatDecimal,
  formatInterval,
  formatP,
  formatShare,
  formatSigned,
} from '../../lib/format.ts';

/** A risk difference in percentage points with its interval, or why there is none. */
export function EffectSummary({ effect }: { effect: Effect }) {
  if (effect.status !== 'ok' || !effect.riskDifference) {
    return <span class="score-sample">not enough customers{effect.reason ? `: ${effect.reason}` : ''}</span>;
  }
  const rd = effect.riskDifference;
  return (
    <span>
      {formatSigned(rd.estimate * 100)} pts{' '}
      <span class="score-sample">({formatInterval([rd.ci95[0] * 100, rd.ci95[1] * 100])})</span>
      {effect.significant && <span class="badge badge-significant">significant</span>}
    </span>
  );
}

/** The evidence behind one cell: both groups, both measures and the tests. */
export function EffectEvidence({
  effect,
  exposedLabel,
  outcomeLabel,
}: {
  effect: Effect;
  exposedLabel: string;
  outcomeLabel: string;
}) {
  return (
    <dl class="evidence" data-testid="evidence">
      <div>
        <dt>{exposedLabel}</dt>
        <dd>
          {formatShare(effect.exposed.rate)} {outcomeLabel} ({formatCount(effect.exposed.events)} of{' '}
          {formatCount(effect.exposed.n)})
        </dd>
      </div>
      <div>
        <dt>Otherwise</dt>
        <dd>
          {formatShare(effect.unexposed.rate)} ({formatCount(effect.unexposed.events)} of{' '}
          {formatCount(effect.unexposed.n)})
        </dd>
      </div>
      <div>
        <dt>Risk difference</dt>
        <dd>
          <EffectSummary effect={effect} />
        </dd>
      </div>
      <div>
        <dt>Lift</dt>
        <dd>
          {effect.lift ? (
            <>
              {formatDecimal(effect.lift.estimate)}×{' '}
              <span class="score-sample">({formatInterval(effect.lift.ci95)})</span>
            </>
          ) : (
            '–'
          )}
        </dd>
      </div>
      <div>
        <dt>Test</dt>
        <dd>
          {formatP(effect.p)}
          {effect.q !== null && `; adjusted for false discoveries: ${formatP(effect.q).replace('p', 'q')}`}
        </dd>
      </div>
    </dl>
  );
}
