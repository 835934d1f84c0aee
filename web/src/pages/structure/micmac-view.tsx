import { useMemo, useState } from 'preact/hooks';
import type { InfluenceInput, MicmacResult, MicmacRun, Quadrant } from '../../api/types.ts';
import { ChoiceGroup } from '../../components/choice-group.tsx';
import { Chart } from '../../charts/chart.tsx';
import { heatmapOption } from '../../charts/options/heatmap.ts';
import { quadrantOption } from '../../charts/options/quadrant-map.ts';
import { formatDecimal, formatNumber, formatShare } from '../../lib/format.ts';

export const QUADRANT_COLORS: Record<Quadrant, string> = {
  influential: '#c2372b',
  relay: '#8e44ad',
  dependent: '#2456c9',
  autonomous: '#7a8495',
};

type Plane = 'direct' | 'indirect' | 'potential';

/** The plane's coordinates, quadrants and cut lines. */
function plane(run: MicmacRun, which: 'direct' | 'indirect') {
  if (which === 'direct') return { scores: run.direct, quadrants: run.quadrants, threshold: run.threshold };
  return {
    scores: run.indirect,
    quadrants: run.indirect.quadrants ?? run.quadrants,
    threshold: run.indirect.threshold ?? run.threshold,
  };
}

export function MicmacView({ input, result }: { input: InfluenceInput; result: MicmacResult }) {
  const [which, setWhich] = useState<Plane>('indirect');
  const [picked, setPicked] = useState<string | null>(null);
  const potential = result.potential;
  const run = which === 'potential' && potential ? potential : result;
  const shown = plane(run, which === 'direct' ? 'direct' : 'indirect');
  const indirectUnits = which !== 'direct';
  const format = indirectUnits ? (v: number) => formatShare(v) : formatDecimal;

  const matrixOption = useMemo(() => {
    // A potential influence counts 0 in the direct run: drawn as 0, labelled P.
    const numbers = input.matrix.map((row) => row.map((cell) => (typeof cell === 'number' ? cell : 0)));
    const max = Math.max(1, ...numbers.flat());
    return heatmapOption({
      rows: result.variables,
      columns: result.variables,
      values: numbers,
      labels: input.matrix.map((row) => row.map((cell) => (cell === 'P' ? 'P' : null))),
      min: 0,
      max,
      format: formatNumber,
      columnTitle: 'is influenced',
    });
  }, [input, result.variables]);

  const mapOption = useMemo(
    () =>
      quadrantOption({
        points: result.variables.map((name, i) => ({
          name,
          x: shown.scores.dependence[i] ?? 0,
          y: shown.scores.influence[i] ?? 0,
          group: shown.quadrants[i] ?? 'autonomous',
        })),
        xName: 'dependence',
        yName: 'influence',
        xCut: shown.threshold.dependence,
        yCut: shown.threshold.influence,
        corners: ['influential', 'relay', 'dependent', 'autonomous'],
        groupColors: QUADRANT_COLORS,
        format: indirectUnits ? (v) => formatShare(v) : formatDecimal,
      }),
    [result, which],
  );

  const onCell = (click: { data: unknown }) => {
    const [c, r, value] = click.data as [number, number, number | null, string];
    const cell = input.matrix[r]?.[c];
    setPicked(
      `${result.variables[r]} influences ${result.variables[c]}: ${cell === 'P' ? 'potentially (P)' : formatDecimal(value)}`,
    );
  };

  return (
    <div class="analysis-results" data-testid="micmac-results">
      <h2>Direct influence matrix</h2>
      <Chart
        option={matrixOption}
        label={`Heat map of the ${result.variables.length} by ${result.variables.length} influence matrix`}
        height={Math.max(280, 30 * result.variables.length + 120)}
        onClick={onCell}
        testId="micmac-matrix"
      />
      <p class="help" aria-live="polite">
        {picked ?? 'Select a cell to read it. Rows influence columns.'}
      </p>

      <h2>Influence and dependence map</h2>
      <ChoiceGroup
        legend="Plane"
        name="micmac-plane"
        value={which}
        onChange={setWhich}
        options={[
          { value: 'direct', label: 'Direct' },
          { value: 'indirect', label: `Indirect (power ${result.indirect.power})` },
          ...(potential ? [{ value: 'potential' as const, label: 'Potential' }] : []),
        ]}
      />
      <p class="help">
        Threshold: {shown.threshold.method}, influence {format(shown.threshold.influence)}, dependence{' '}
        {format(shown.threshold.dependence)}.{' '}
        {result.indirect.converged
          ? `Indirect rankings settled at power ${result.indirect.power}.`
          : `Indirect rankings did not settle; shown at power ${result.indirect.power}.`}
      </p>
      <Chart
        option={mapOption}
        label="Influence (up) against dependence (right), with the four quadrants"
        height={420}
        testId="micmac-map"
      />
      {result.notes && result.notes.length > 0 && (
        <ul class="notes">
          {result.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}

      <div class="table-scroll">
        <table data-testid="micmac-table">
          <caption>MICMAC scores{which === 'potential' ? ' (potential run)' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Direct influence</th>
              <th scope="col">Direct dependence</th>
              <th scope="col">Indirect influence</th>
              <th scope="col">Indirect dependence</th>
              <th scope="col">Quadrant (direct)</th>
              <th scope="col">Quadrant (indirect)</th>
            </tr>
          </thead>
          <tbody>
            {result.variables.map((name, i) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td class="num">{formatDecimal(run.direct.influence[i])}</td>
                <td class="num">{formatDecimal(run.direct.dependence[i])}</td>
                <td class="num">{formatShare(run.indirect.influence[i])}</td>
                <td class="num">{formatShare(run.indirect.dependence[i])}</td>
                <td>{run.quadrants[i]}</td>
                <td>{(run.indirect.quadrants ?? run.quadrants)[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Hidden influencers</h2>
      {result.hiddenInfluencers.length ? (
        <ul>
          {result.hiddenInfluencers.map((h) => (
            <li key={h.variable}>
              <strong>{h.variable}</strong> moves from rank {h.directRank} (direct) to rank {h.indirectRank}{' '}
              (indirect)
            </li>
          ))}
        </ul>
      ) : (
        <p>No variable changes its influence rank much between direct and indirect influence.</p>
      )}
    </div>
  );
}
