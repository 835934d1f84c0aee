import { useMemo, useState } from 'preact/hooks';
import { structural } from '../../api/endpoints.ts';
import type { CibInput, CibResult } from '../../api/types.ts';
import { Chart } from '../../charts/chart.tsx';
import { heatmapOption } from '../../charts/options/heatmap.ts';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount } from '../../lib/format.ts';
import { download, parseCibText } from '../../lib/matrix-text.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useStoredText } from '../../lib/use-stored-text.ts';
import { CIB_EXAMPLE } from './examples.ts';
import { MatrixEditor } from './matrix-editor.tsx';

/** Cross-impact balances: the exact list of consistent journey scenarios for a judgement matrix. */
export function CibPanel() {
  const example = JSON.stringify(CIB_EXAMPLE);
  const [text, setText] = useStoredText('cxloop.cib-matrix', example);
  const initial = parseCibText(text);
  const [input, setInput] = useState<CibInput | null>(initial.ok ? initial.input : null);
  const [parseError, setParseError] = useState<string | null>(initial.ok ? null : initial.message);
  const [maxInconsistency, setMaxInconsistency] = useState(0);
  const [asked, setAsked] = useState(0);

  const submit = () => {
    const parsed = parseCibText(text);
    setParseError(parsed.ok ? null : parsed.message);
    if (parsed.ok) {
      // The same matrix again keeps its result rather than asking the server twice.
      if (JSON.stringify(parsed.input) !== JSON.stringify(input)) setInput(parsed.input);
      setAsked(maxInconsistency);
    }
  };

  return (
    <div class="cib-panel">
      <MatrixEditor
        id="cib"
        label="Descriptors and judgement matrix (JSON)"
        help={
          <>
            <code>
              {'{"descriptors": [{"id": "Delivery", "variants": ["fast", "slow"]}, ...], "matrix": [[...]]}'}
            </code>
            : rows are the impacting variants and columns the impacted ones, descriptor by descriptor, usually
            −3 to +3.
          </>
        }
        text={text}
        onText={setText}
        onExample={() => setText(example)}
        onSubmit={submit}
        accept=".json,application/json"
        error={parseError}
      >
        <label class="inline-control">
          Largest inconsistency listed
          <input
            type="number"
            min={0}
            step={1}
            value={maxInconsistency}
            onInput={(e) => setMaxInconsistency(Math.max(0, Number(e.currentTarget.value) || 0))}
          />
        </label>
        {input && (
          <button
            type="button"
            onClick={() => download('cib-matrix.json', JSON.stringify(input, null, 2), 'application/json')}
          >
            Download JSON
          </button>
        )}
      </MatrixEditor>
      {input && <CibResults input={input} maxInconsistency={asked} />}
    </div>
  );
}

function CibResults({ input, maxInconsistency }: { input: CibInput; maxInconsistency: number }) {
  const result = useResource(
    (signal) => structural.cib({ ...input, maxInconsistency, limit: 1000 }, signal),
    [input, maxInconsistency],
  );
  return (
    <ResourceView resource={result} label="the scenario analysis">
      {(data) => <CibView input={input} result={data} />}
    </ResourceView>
  );
}

function CibView({ input, result }: { input: CibInput; result: CibResult }) {
  const [chosen, setChosen] = useState<string[] | null>(null);
  const variants = input.descriptors.flatMap((d) => d.variants);
  const matrix = useMemo(() => {
    const extreme = Math.max(1, ...input.matrix.flat().map(Math.abs));
    return heatmapOption({
      rows: variants,
      columns: variants,
      values: input.matrix,
      min: -extreme,
      max: extreme,
      diverging: true,
      format: (v) => String(v),
      columnTitle: 'impacted variant',
    });
  }, [input]);
  return (
    <div class="analysis-results" data-testid="cib-results">
      <p class="summary">
        <strong>{formatCount(result.consistentCount)}</strong> consistent scenarios out of{' '}
        {formatCount(result.scenarioCount)}
        {result.truncated ? ` (the first ${formatCount(result.consistent.length)} are listed)` : ''}.
      </p>
      {result.notes?.map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
      {result.consistent.length === 0 ? (
        <p class="state state-empty">
          No scenario is consistent; raise the largest inconsistency listed to see the nearest ones.
        </p>
      ) : (
        <div class="table-scroll">
          <table data-testid="cib-table">
            <caption>{maxLabel(result)}, highest total impact score first</caption>
            <thead>
              <tr>
                {input.descriptors.map((d) => (
                  <th key={d.id} scope="col">
                    {d.id}
                  </th>
                ))}
                <th scope="col">Total impact score</th>
                <th scope="col">Inconsistency</th>
                <th scope="col">
                  <span class="visually-hidden">Balances</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...result.consistent]
                .sort((x, y) => y.totalImpactScore - x.totalImpactScore || x.inconsistency - y.inconsistency)
                .map((s) => (
                  <tr key={s.scenario.join()}>
                    {s.scenario.map((variant, i) => (
                      <td key={i}>{variant}</td>
                    ))}
                    <td class="num">{formatCount(s.totalImpactScore)}</td>
                    <td class="num">{formatCount(s.inconsistency)}</td>
                    <td>
                      <button
                        type="button"
                        onClick={() => setChosen(s.scenario)}
                        aria-label={`Impact balances of ${s.scenario.join(' ')}`}
                      >
                        Balances
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <Balances input={input} scenario={chosen} />}
      <h2>Judgement matrix</h2>
      <Chart
        option={matrix}
        label="Heat map of the CIB judgement matrix, negative red, positive green"
        height={Math.max(320, 22 * variants.length + 120)}
        testId="cib-matrix"
      />
    </div>
  );
}

const maxLabel = (result: CibResult) =>
  result.consistent.some((s) => s.inconsistency > 0)
    ? 'Scenarios within the inconsistency asked'
    : 'Consistent scenarios';

function Balances({ input, scenario }: { input: CibInput; scenario: string[] }) {
  const result = useResource(
    (signal) => structural.cib({ ...input, scenario, limit: 1 }, signal),
    [input, scenario],
  );
  return (
    <ResourceView resource={result} label="the impact balances">
      {(data) => (
        <div class="table-scroll" aria-live="polite">
          <table data-testid="cib-balances">
            <caption>Impact balances of {scenario.join(' ')}</caption>
            <thead>
              <tr>
                <th scope="col">Descriptor</th>
                <th scope="col">Chosen</th>
                <th scope="col">Its balance</th>
                <th scope="col">Best balance</th>
                <th scope="col">Shortfall</th>
              </tr>
            </thead>
            <tbody>
              {data.evaluation?.descriptors.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.id}</th>
                  <td>{d.chosen}</td>
                  <td class="num">{formatCount(d.balance)}</td>
                  <td class="num">{formatCount(d.best)}</td>
                  <td class="num">{formatCount(d.shortfall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ResourceView>
  );
}
