import { understand, type CrossImpactAnswer } from '../../api/understand.ts';
import { ChoiceGroup } from '../../components/choice-group.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount } from '../../lib/format.ts';
import { usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useQueryChoice } from '../../lib/url-state.ts';
import { ImpactHeatmap } from './impact-heatmap.tsx';
import { MeasuredMicmac } from './measured-micmac.tsx';
import { OutcomeEffects } from './outcome-effects.tsx';
import { WhatIfPanel } from './what-if-panel.tsx';

export type Measure = 'risk-difference' | 'lift';

/** How a bad experience at one touchpoint moves the others and the outcomes, measured from the data. */
export function CrossImpactPage() {
  const [period, setPeriod] = usePeriod();
  const [measure, setMeasure] = useQueryChoice<Measure>(
    'measure',
    ['risk-difference', 'lift'],
    'risk-difference',
  );
  const answer = useResource((signal) => understand.crossImpact(period, signal), [period.from, period.to]);
  return (
    <section>
      <PageHeader
        title="Cross-impact"
        intro="For each pair of touchpoints: among customers who met both, how much more often those with a bad experience at the first (row) also had one at the second (column). Outcomes get the same treatment. Cells without enough customers stay empty rather than showing zero."
      >
        <PeriodPicker period={period} onChange={setPeriod} />
        <ChoiceGroup
          legend="Measure"
          name="measure"
          value={measure}
          onChange={setMeasure}
          options={[
            { value: 'risk-difference', label: 'Risk difference' },
            { value: 'lift', label: 'Lift' },
          ]}
        />
      </PageHeader>
      <ResourceView
        resource={answer}
        label="the cross-impact matrix"
        isEmpty={(a) => a.touchpoints.length === 0}
        empty="No touchpoint has experience signals in this period."
      >
        {(data) => <CrossImpactView answer={data} measure={measure} />}
      </ResourceView>
      <h2>What if?</h2>
      <WhatIfPanel period={period} />
    </section>
  );
}

function CrossImpactView({ answer, measure }: { answer: CrossImpactAnswer; measure: Measure }) {
  return (
    <>
      <p class="help">
        {formatCount(answer.customers)} customers with experience signals in the period.
        {answer.withoutSignals.length > 0 && ` No signals at: ${answer.withoutSignals.join(', ')}.`}
      </p>
      {[...answer.warnings, ...answer.notes].map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
      <h2>Touchpoint × touchpoint</h2>
      <ImpactHeatmap answer={answer} measure={measure} />
      <h2>Effects on outcomes</h2>
      <OutcomeEffects answer={answer} />
      <h2>Influence and dependence (MICMAC of the measured matrix)</h2>
      <MeasuredMicmac answer={answer} />
    </>
  );
}
