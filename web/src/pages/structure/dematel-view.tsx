import { useMemo } from 'preact/hooks';
import type { DematelResult } from '../../api/types.ts';
import { Chart } from '../../charts/chart.tsx';
import { causeEffectOption } from '../../charts/options/cause-effect.ts';
import { heatmapOption } from '../../charts/options/heatmap.ts';
import { formatFixed3 } from '../../lib/format.ts';

export function DematelView({ result }: { result: DematelResult }) {
  const diagram = useMemo(() => causeEffectOption(result), [result]);
  const total = useMemo(
    () =>
      heatmapOption({
        rows: result.variables,
        columns: result.variables,
        values: result.total,
        min: 0,
        max: Math.max(...result.total.flat(), 1e-9),
        format: (v) => v.toFixed(2),
        columnTitle: 'is influenced',
      }),
    [result],
  );
  return (
    <div class="analysis-results" data-testid="dematel-results">
      <h2>Cause and effect diagram</h2>
      <p class="help">
        Causes (above the line) drive the others; effects (below) are driven.
        {result.diagram
          ? ` Arrows show total relations above ${formatFixed3(result.diagram.threshold)}.`
          : ''}
      </p>
      <Chart
        option={diagram}
        label="DEMATEL cause-effect diagram: prominence across, relation up"
        height={420}
        testId="dematel-diagram"
      />
      <div class="table-scroll">
        <table data-testid="dematel-table">
          <caption>DEMATEL: given (R), received (C), prominence and relation</caption>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Given (R)</th>
              <th scope="col">Received (C)</th>
              <th scope="col">Prominence (R + C)</th>
              <th scope="col">Relation (R − C)</th>
              <th scope="col">Group</th>
            </tr>
          </thead>
          <tbody>
            {result.variables.map((name, i) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td class="num">{formatFixed3(result.given?.[i])}</td>
                <td class="num">{formatFixed3(result.received?.[i])}</td>
                <td class="num">{formatFixed3(result.prominence[i])}</td>
                <td class="num">{formatFixed3(result.relation[i])}</td>
                <td>{result.groups[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Total relations T = N (I − N)⁻¹</h2>
      <Chart
        option={total}
        label="Heat map of the total relations matrix"
        height={Math.max(280, 30 * result.variables.length + 120)}
        testId="dematel-total"
      />
    </div>
  );
}
