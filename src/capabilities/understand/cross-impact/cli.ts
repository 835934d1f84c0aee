import { Command, Option } from 'commander';
import type { Effect } from '../../../core/cross-impact/compare.ts';
import { InputError } from '../../../core/issues.ts';
import type { CrossImpactAnswer } from '../contract.ts';
import { DEFAULT_OUTCOMES } from './defaults.ts';
import {
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  type CommonOptions,
  formatOption,
  list,
  collect,
} from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';

/**
 * `cxloop analyze cross-impact --from DATE --to DATE`: the data-driven touchpoint cross-impact matrix
 * over stored journeys (the same JSON as POST /v1/analyze/cross-impact), optionally with MICMAC run
 * on the measured matrix. While a server holds the database, the server answers.
 */

interface CrossImpactCliOptions extends CommonOptions {
  from: string;
  to: string;
  followUntil?: string;
  outcomes: string[];
  touchpoints: string[];
  bad?: string;
  episodeDays?: string;
  minGroup?: string;
  top?: string;
  micmac: boolean;
  influence?: 'risk-difference' | 'lift';
  format: 'json' | 'table';
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** "+12.3 pp [+8.1, +16.0]" or why there is no estimate. */
export function effectText(e: Effect): string {
  if (!e.riskDifference) return `insufficient (${e.exposed.n} bad / ${e.unexposed.n} good)`;
  const [lo, hi] = e.riskDifference.ci95;
  return `${signed(e.riskDifference.estimate)} pp [${signed(lo)}, ${signed(hi)}]${e.significant ? ' *' : ''}`;
}

function number(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < 0) {
    throw new DomainError('invalid', `${flag} takes a ${integer ? 'whole ' : ''}number >= 0, got "${value}"`);
  }
  return x;
}

function printReadable(a: CrossImpactAnswer): void {
  const out = (line = ''): void => void process.stdout.write(line + '\n');
  out(`Touchpoint cross-impact, workspace ${a.workspace}, ${a.window.from} to ${a.window.to} (exclusive)`);
  out(`${a.customers} customers with experience signals; experience = ${a.definitions.experience}`);
  for (const w of a.warnings) out(`warning: ${w}`);
  if (a.touchpoints.length === 0) return;
  out();
  printTable(
    a.touchpoints.map((t) => ({
      touchpoint: t.id,
      stage: t.stage,
      customers: t.customers,
      bad: t.bad,
      'bad share': pct(t.badShare),
    })),
  );
  out();
  out('Risk difference (percentage points) of a bad experience at the column after a bad one at the row');
  out('(. = too little data, * = 95 % interval excludes 0):');
  const ids = a.touchpoints.map((t) => t.id);
  const cell = (r: number, c: number) => {
    if (r === c) return '';
    const p = a.pairs.find((x) => x.from === ids[r] && x.to === ids[c])!;
    return p.riskDifference ? `${signed(p.riskDifference.estimate)}${p.significant ? '*' : ''}` : '.';
  };
  printTable(
    ids.map((id, r) => ({
      from: id,
      ...Object.fromEntries(ids.map((to, c) => [to, cell(r, c)])),
    })),
  );
  out();
  out('Strongest effects between touchpoints:');
  if (a.strongest.pairs.length === 0) out('  (none significant)');
  for (const p of a.strongest.pairs) {
    out(`  ${p.from} -> ${p.to}: ${effectText(p)}, n = ${p.n}`);
    // Held within groups that met the same declared failures (Mantel-Haenszel): a late delivery seen twice is marked.
    if (p.adjusted && p.adjusted.verdict !== 'not-tested')
      out(`    ${p.adjusted.verdict}: ${p.adjusted.reason}`);
  }
  for (const o of a.outcomes) {
    out();
    out(`Effect on ${o.label} (${o.definition}):`);
    printTable(
      o.effects.map((e) => ({
        touchpoint: e.touchpoint,
        'after bad': e.exposed.n ? `${pct(e.exposed.rate)} of ${e.exposed.n}` : '',
        'after good': e.unexposed.n ? `${pct(e.unexposed.rate)} of ${e.unexposed.n}` : '',
        'risk difference [95 %]': effectText(e),
        lift: e.lift ? e.lift.estimate.toFixed(2) : '',
      })),
    );
  }
  if (a.influence?.micmac) {
    out();
    const m = a.influence.micmac;
    if ('error' in m) out(`MICMAC: ${m.error}`);
    else if ('tooSparse' in m) out(`MICMAC not drawn: ${m.tooSparse}`);
    else {
      out(`MICMAC on the measured matrix (${a.influence.rule}):`);
      printTable(
        m.variables.map((v, i) => ({
          touchpoint: v,
          'direct influence': m.direct.influence[i]!.toFixed(3),
          'indirect rank': m.indirect.influenceRank[i],
          quadrant: m.indirect.quadrants[i],
        })),
      );
    }
  }
  out();
  for (const n of a.notes) out(`note: ${n}`);
}

export function register(analyze: Command): void {
  withCommonOptions(analyze.command('cross-impact'))
    .description(
      'touchpoint cross-impact matrix over stored journeys: effect of a bad experience at each touchpoint on the others and on outcomes',
    )
    .requiredOption('--from <date>', 'start of the window (YYYY-MM-DD or ISO-8601)')
    .requiredOption('--to <date>', 'end of the window (a date includes that day)')
    .option('--follow-until <date>', 'look for outcomes until here (default --to)')
    .option(
      '--outcomes <list>',
      `outcomes, comma-separated (default ${DEFAULT_OUTCOMES.join(',')}; also csat@TOUCHPOINT, rating@TOUCHPOINT>=VALUE)`,
      collect,
      [],
    )
    .option('--touchpoints <list>', 'only these touchpoints (comma-separated ids)', collect, [])
    .option(
      '--bad <thresholds>',
      'bad-answer thresholds over the defaults nps=6 (0-6 bad), csat=2 (bottom two boxes), ces=3 (1-3 of 1-7, other scales mapped), rating=0.4 (bottom 40 % of its scale)',
    )
    .option('--episode-days <n>', 'signals within this many days of the first one are one experience (7)')
    .option('--min-group <n>', 'fewest customers on each side of a comparison (20)')
    .option('--top <n>', 'how many strongest effects to list (10)')
    .option('--micmac', 'also run MICMAC on the measured matrix', false)
    .addOption(
      new Option('--influence <measure>', 'what the MICMAC input holds').choices(['risk-difference', 'lift']),
    )
    .addOption(formatOption())
    .action(async (options: CrossImpactCliOptions) => {
      const { parseBadThresholds } = await import('../../../core/experience/parse-thresholds.ts');
      const bad = parseBadThresholds(options.bad);
      if (Array.isArray(bad)) throw new InputError(bad);
      const outcomes = list(options.outcomes);
      const touchpoints = list(options.touchpoints);
      const episodeDays = number('--episode-days', options.episodeDays, false);
      const minGroup = number('--min-group', options.minGroup, true);
      const top = number('--top', options.top, true);
      const request = {
        from: options.from,
        to: options.to,
        ...(options.followUntil === undefined ? {} : { followUntil: options.followUntil }),
        ...(outcomes.length ? { outcomes } : {}),
        ...(touchpoints.length ? { touchpoints } : {}),
        ...(options.bad === undefined ? {} : { bad }),
        ...(episodeDays === undefined ? {} : { episodeDays }),
        ...(minGroup === undefined ? {} : { minGroup }),
        ...(top === undefined ? {} : { top }),
        ...(options.micmac || options.influence
          ? {
              influence: {
                micmac: options.micmac,
                ...(options.influence ? { measure: options.influence } : {}),
              },
            }
          : {}),
      };
      const { answer } = await readThrough<CrossImpactAnswer>(
        options,
        async (services, workspaceId) =>
          (await import('./service.ts')).crossImpact(services, workspaceId, request),
        { method: 'POST', path: '/v1/analyze/cross-impact', body: request },
      );
      if (options.format === 'json') printJson(answer);
      else printReadable(answer);
    });
}
