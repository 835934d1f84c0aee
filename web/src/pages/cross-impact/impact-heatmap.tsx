import { useMemo, useState } from 'preact/hooks';
import type { CrossImpactAnswer, PairEffect } from '../../api/understand.ts';
import { Chart } from '../../charts/chart.tsx';
import { heatmapOption } from '../../charts/options/heatmap.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { formatDecimal, formatSigned } from '../../lib/format.ts';
import type { Measure } from './cross-impact-page.tsx';
import { EffectEvidence, EffectSummary } from './effect-text.tsx';

const STRONGEST = 10;

/** The matrix as a heat map; a cell (or a row of the list beneath) opens its evidence. */
export function ImpactHeatmap({ answer, measure }: { answer: CrossImpactAnswer; measure: Measure }) {
  const [picked, setPicked] = useState<PairEffect | null>(null);
  const names = answer.touchpoints.map((t) => t.name);
  const pairOf = (from: number, to: number) =>
    answer.pairs.find(
      (p) => p.from === answer.touchpoints[from]?.id && p.to === answer.touchpoints[to]?.id,
    ) ?? null;

  const option = useMemo(() => {
    const grid = measure === 'lift' ? answer.lift : answer.riskDifference;
    const values = grid.map((row) => row.map((v) => (v === null ? null : measure === 'lift' ? v : v * 100)));
    const extreme = Math.max(
      1e-9,
      ...values.flat().map((v) => (v === null ? 0 : Math.abs(measure === 'lift' ? v - 1 : v))),
    );
    return heatmapOption({
      rows: names,
      columns: names,
      values,
      min: measure === 'lift' ? Math.max(0, 1 - extreme) : -extreme,
      max: measure === 'lift' ? 1 + extreme : extreme,
      diverging: true,
      reversed: true,
      format: measure === 'lift' ? (v) => `${formatDecimal(v)}×` : (v) => formatSigned(v),
      columnTitle: 'bad experience here more (red) or less (green) likely',
    });
  }, [answer, measure]);

  const strongest = answer.pairs
    .filter((p) => p.status === 'ok' && p.significant && p.riskDifference)
    .sort((a, b) => Math.abs(b.riskDifference!.estimate) - Math.abs(a.riskDifference!.estimate))
    .slice(0, STRONGEST);
  const name = (id: string) => answer.touchpoints.find((t) => t.id === id)?.name ?? id;

  return (
    <>
      <Chart
        option={option}
        label={`Cross-impact heat map, ${measure === 'lift' ? 'lift' : 'risk difference in points'}; rows are where the bad experience happened`}
        height={Math.max(360, 26 * names.length + 150)}
        onClick={(click) => {
          const [c, r] = click.data as [number, number];
          setPicked(pairOf(r, c));
        }}
        testId="impact-heatmap"
      />
      <div aria-live="polite">
        {picked ? (
          <div class="card">
            <h3>
              <Link href={touchpointHref(picked.from)}>{name(picked.from)}</Link> →{' '}
              <Link href={touchpointHref(picked.to)}>{name(picked.to)}</Link>
            </h3>
            <EffectEvidence
              effect={picked}
              exposedLabel={`Bad experience at ${name(picked.from)}`}
              outcomeLabel={`also bad at ${name(picked.to)}`}
            />
          </div>
        ) : (
          <p class="help">Select a cell, or a pair below, for its evidence.</p>
        )}
      </div>
      <div class="table-scroll">
        <table data-testid="cross-impact-table">
          <caption>The strongest significant effects between touchpoints</caption>
          <thead>
            <tr>
              <th scope="col">Bad experience at</th>
              <th scope="col">Makes a bad one at</th>
              <th scope="col" class="num">
                Risk difference
              </th>
              <th scope="col">Held for shared failures</th>
              <th scope="col">
                <span class="visually-hidden">Evidence</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {strongest.map((p) => (
              <tr key={`${p.from}-${p.to}`}>
                <td>{name(p.from)}</td>
                <td>{name(p.to)}</td>
                <td class="num" data-value={p.riskDifference!.estimate}>
                  <EffectSummary effect={p} />
                </td>
                <td data-verdict={p.adjusted?.verdict ?? 'none'} title={p.adjusted?.reason ?? ''}>
                  {!p.adjusted
                    ? 'no declared failures'
                    : p.adjusted.verdict === 'explained-by-failure'
                      ? `explained by a shared failure (${p.adjusted.riskDifference ? formatSigned(100 * p.adjusted.riskDifference.estimate) : '-'} points held)`
                      : p.adjusted.verdict === 'holds'
                        ? `holds (${formatSigned(100 * p.adjusted.riskDifference!.estimate)} points held)`
                        : p.adjusted.verdict === 'not-separable'
                          ? 'the bad experiences here are the failure itself'
                          : p.adjusted.verdict === 'unclear'
                            ? 'unclear: too few customers within failure groups'
                            : ''}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setPicked(p)}
                    aria-label={`Evidence for ${name(p.from)} to ${name(p.to)}`}
                  >
                    Evidence
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {strongest.length === 0 && (
          <p class="state state-empty">No significant effect between touchpoints in this period.</p>
        )}
      </div>
    </>
  );
}
