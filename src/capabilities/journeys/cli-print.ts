import prettyMs from 'pretty-ms';
import type { CustomerStage, StageCounts } from './contract.ts';

// Imported when a command prints, not at start-up: `cxloop --help` loads commander only.

const human = (ms: number | null) =>
  ms === null ? '-' : prettyMs(Math.max(0, Math.round(ms)), { unitCount: 2 });

/** One customer's stage in words, e.g. "Consideration, for 10d (typical up to 1d 2h): stalled". */
export function stageLine(stage: CustomerStage | null): string {
  if (!stage) return 'no event at a journey touchpoint yet: no current stage';
  const verdict =
    stage.stalled === null
      ? `no typical time (${stage.movedOn} customers moved on from this stage; 20 needed)`
      : `typical up to ${human(stage.typicalMs)} (90th percentile of ${stage.movedOn} who moved on): ${stage.stalled ? 'stalled' : 'not stalled'}`;
  return `${stage.name} [${stage.stage}] since ${new Date(stage.since).toISOString()}, for ${human(stage.inStageMs)}; ${verdict}`;
}

/** `journey stages` as a table: the population and clock first, the rule last. */
export function stageTable(counts: StageCounts): string {
  const lines = [
    `${counts.customers} ${counts.population}`,
    '',
    `${'stage'.padEnd(24)} ${'customers'.padStart(9)} ${'stalled'.padStart(8)}  typical (p90)`,
    ...counts.stages.map(
      (s) =>
        `${s.name.padEnd(24)} ${String(s.customers).padStart(9)} ${(s.stalled === null ? '-' : String(s.stalled)).padStart(8)}  ${human(s.typicalMs)}`,
    ),
    '',
    counts.rule,
  ];
  return `${lines.join('\n')}\n`;
}
