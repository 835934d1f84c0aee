import { Command } from 'commander';
import type { DematelResult } from '../../../core/structural/dematel.ts';
import type { MicmacResult } from '../../../core/structural/micmac.ts';
import { THRESHOLD_METHODS } from '../../../core/structural/quadrants.ts';
import type { CibResult } from './analyses.ts';
import { printJson, printTable, formatOption } from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';

/**
 * `cxloop analyze micmac | dematel | cib --input FILE`: structural analysis of an influence or
 * judgement matrix. The file is the whole input, so no database is opened. The analyses are
 * imported when a command runs, so `cxloop --help` does not load them.
 */

type Format = 'json' | 'table';

function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new DomainError('invalid', `${flag} takes a number, got "${value}"`);
  return x;
}

function thresholdFlag(value: string | undefined): string | number | undefined {
  if (value === undefined || (THRESHOLD_METHODS as readonly string[]).includes(value)) return value;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) {
    throw new DomainError(
      'invalid',
      `--threshold takes ${THRESHOLD_METHODS.join(', ')} or a number, got "${value}"`,
    );
  }
  return x;
}

/** Drops flags that were not given, so the analysis applies its own defaults. */
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));
const out = (line = '') => void process.stdout.write(line + '\n');

function printMicmac(r: MicmacResult): void {
  out(`MICMAC (${r.orientation}); ${r.variables.length} variables`);
  const i = r.indirect;
  printTable(
    r.variables.map((variable, k) => ({
      variable,
      influence: fmt(r.direct.influence[k]!),
      dependence: fmt(r.direct.dependence[k]!),
      quadrant: r.quadrants[k],
      'indirect infl.': fmt(i.influence[k]!),
      'indirect dep.': fmt(i.dependence[k]!),
      'indirect quadrant': i.quadrants[k],
      'rank direct→indirect': `${r.direct.influenceRank[k]}→${i.influenceRank[k]}`,
    })),
  );
  out();
  out(
    `threshold (${r.threshold.method}): influence ${fmt(r.threshold.influence)}, dependence ${fmt(r.threshold.dependence)}`,
  );
  out(`indirect: power ${i.power}, converged ${i.converged} (${i.stop})`);
  if (r.hiddenInfluencers.length) {
    out(`hidden influencers: ${r.hiddenInfluencers.map((h) => `${h.variable} (+${h.move})`).join(', ')}`);
  }
  if (r.potential) {
    const p = r.potential;
    out(
      `potential run (${p.cells} P cells weighted ${p.weight}): quadrants ${r.variables.map((v, k) => `${v}=${p.quadrants[k]}`).join(', ')}`,
    );
  }
  for (const note of r.notes) out(`note: ${note}`);
}

function printDematel(r: DematelResult): void {
  out(`DEMATEL (${r.orientation}); normalised by ${r.normalisation.method} = ${fmt(r.normalisation.value)}`);
  printTable(
    r.variables.map((variable, k) => ({
      variable,
      'R (given)': fmt(r.given[k]!),
      'C (received)': fmt(r.received[k]!),
      'R+C prominence': fmt(r.prominence[k]!),
      'R-C relation': fmt(r.relation[k]!),
      group: r.groups[k],
    })),
  );
  out();
  out(`${r.diagram.arrows.length} relations above the mean of T (${fmt(r.diagram.threshold)})`);
}

function printCib(r: CibResult): void {
  const within = r.maxInconsistency ? ` (${r.matchCount} within inconsistency ${r.maxInconsistency})` : '';
  out(`CIB: ${r.scenarioCount} scenarios, ${r.consistentCount} consistent${within}`);
  printTable(
    r.consistent.map((s, k) => ({
      '#': k + 1,
      scenario: s.scenario.join(' '),
      inconsistency: s.inconsistency,
      'total impact score': s.totalImpactScore,
    })),
  );
  if (r.evaluation) {
    out();
    const e = r.evaluation;
    out(
      `scenario ${e.scenario.join(' ')}: ${e.consistent ? 'consistent' : `inconsistency ${e.inconsistency}`}, total impact score ${e.totalImpactScore}`,
    );
    printTable(e.descriptors.map((d) => ({ ...d })));
  }
  for (const note of r.notes) out(`note: ${note}`);
}

function print<T>(format: Format, result: T, readable: (r: T) => void): void {
  if (format === 'json') printJson(result);
  else readable(result);
}

export function register(analyze: Command): void {
  analyze
    .command('micmac')
    .description('MICMAC: direct and indirect influence/dependence, quadrants, hidden influencers')
    .requiredOption(
      '--input <file>',
      'JSON {"variables", "matrix"} or CSV with a header row and column of names',
    )
    .option('--power <n>', 'use this power instead of stopping when the rankings settle')
    .option('--max-power <n>', 'most powers tried before reporting "not converged" (default 50)')
    .option('--threshold <rule>', 'quadrant cut: mean, median, midpoint or a number (direct units)')
    .option('--potential-weight <w>', 'what a "P" cell counts in the potential run (default 3)')
    .addOption(formatOption())
    .action(
      async (o: {
        input: string;
        power?: string;
        maxPower?: string;
        threshold?: string;
        potentialWeight?: string;
        format: Format;
      }) => {
        const { runMicmac } = await import('./analyses.ts');
        const input = await (await import('./load.ts')).readAnalysisInput(o.input, { csv: true });
        const options = defined({
          power: numberFlag('--power', o.power),
          maxPower: numberFlag('--max-power', o.maxPower),
          threshold: thresholdFlag(o.threshold),
          potentialWeight: numberFlag('--potential-weight', o.potentialWeight),
        });
        print(o.format, runMicmac(input, options), printMicmac);
      },
    );

  analyze
    .command('dematel')
    .description('DEMATEL: total relations T = N (I - N)^-1, prominence R+C, relation R-C, cause/effect')
    .requiredOption(
      '--input <file>',
      'JSON {"variables", "matrix"} or CSV with a header row and column of names',
    )
    .option('--potential-weight <w>', 'what a "P" cell counts (default 0)')
    .addOption(formatOption())
    .action(async (o: { input: string; potentialWeight?: string; format: Format }) => {
      const { runDematel } = await import('./analyses.ts');
      const input = await (await import('./load.ts')).readAnalysisInput(o.input, { csv: true });
      const options = defined({ potentialWeight: numberFlag('--potential-weight', o.potentialWeight) });
      print(o.format, runDematel(input, options), printDematel);
    });

  analyze
    .command('cib')
    .description('cross-impact balances: every consistent scenario, found exactly; balances of one scenario')
    .requiredOption('--input <file>', 'JSON {"descriptors": [{"id", "variants"}], "matrix"}')
    .option('--max-inconsistency <n>', 'also list scenarios up to this inconsistency (default 0)')
    .option('--scenario <variants>', 'impact balances of this scenario, e.g. A1,B2,C1')
    .option('--limit <n>', 'most scenarios listed (counts stay exact; default 100000)')
    .option('--max-nodes <n>', 'give up after this many partial scenarios (default 1e9)')
    .addOption(formatOption())
    .action(
      async (o: {
        input: string;
        maxInconsistency?: string;
        scenario?: string;
        limit?: string;
        maxNodes?: string;
        format: Format;
      }) => {
        const { runCib } = await import('./analyses.ts');
        const input = await (await import('./load.ts')).readAnalysisInput(o.input, { csv: false });
        const options = defined({
          maxInconsistency: numberFlag('--max-inconsistency', o.maxInconsistency),
          scenario: o.scenario
            ?.split(',')
            .map((v) => v.trim())
            .filter((v) => v !== ''),
          limit: numberFlag('--limit', o.limit),
          maxNodes: numberFlag('--max-nodes', o.maxNodes),
        });
        print(o.format, runCib(input, options), printCib);
      },
    );
}
