import { Command } from 'commander';
import type { Estimate } from '../../../core/what-if/what-if.ts';
import type { WhatIfAnswer } from '../contract.ts';
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
 * `cxloop analyze what-if --from DATE --to DATE --touchpoint ID --lift NUMBER`: what lifting one
 * touchpoint (or halving its bad experiences) does to an outcome, direct plus indirect through the
 * cross-impact matrix (the same JSON as POST /v1/analyze/what-if, which answers while a server
 * holds the database).
 */

interface WhatIfCliOptions extends CommonOptions {
  from: string;
  to: string;
  followUntil?: string;
  touchpoint: string;
  outcome: string;
  lift?: string;
  halveBad: boolean;
  reduceBad?: string;
  drivers: string[];
  format: 'json' | 'table';
}

function parseNumber(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new DomainError('invalid', `${flag} takes a number, got "${value}"`);
  return x;
}

function printReadable(a: WhatIfAnswer): void {
  const out = (line = ''): void => void process.stdout.write(line + '\n');
  // Results are in the outcome's own measure (a.unit); "-0.00" would read as a loss, so zero is zero.
  const fmt = (x: number) => {
    const t = x.toFixed(2);
    return Number(t) === 0 ? '0.00' : `${x > 0 ? '+' : ''}${t}`;
  };
  const level = (x: number) => x.toFixed(2);
  const est = (e: Estimate | undefined) =>
    e ? `${fmt(e.estimate)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]` : '';
  out(`What-if on "${a.touchpoint}" for ${a.outcome} (${a.outcomeDefinition})`);
  if (!a.ok) {
    out(`no estimate: ${a.error?.message} [${a.error?.code}]`);
    for (const n of a.notes) out(`note: ${n}`);
    return;
  }
  const c = a.change!;
  out(
    c.kind === 'lift'
      ? `lift of ${a.lift} ${a.liftUnit ?? 'points'}: mean score +${c.deltaScore.toFixed(3)}, bad experiences ${(c.badShareBefore * 100).toFixed(1)}% -> ${(c.badShareAfter * 100).toFixed(1)}%`
      : `bad experiences ${(c.badShareBefore * 100).toFixed(1)}% -> ${(c.badShareAfter * 100).toFixed(1)}%, mean score +${c.deltaScore.toFixed(3)}`,
  );
  out();
  out(`effects in ${a.unit}`);
  printTable([
    { effect: 'direct (driver model)', change: est(a.direct) },
    { effect: 'indirect (through the matrix)', change: est(a.indirect) },
    { effect: 'total', change: est(a.total) },
  ]);
  out();
  const e = a.expected!;
  out(
    `baseline ${level(a.baseline!)} -> expected ${level(e.estimate)} [${level(e.ci95[0])}, ${level(e.ci95[1])}]`,
  );
  if (a.paths?.length) {
    out();
    printTable(
      a.paths.map((p) => ({
        via: p.touchpoint,
        'risk difference': p.riskDifference === null ? 'unmeasured' : p.riskDifference.toFixed(3),
        'score gap': p.scoreGap === null ? 'unmeasured' : p.scoreGap.toFixed(2),
        b: p.b.toFixed(4),
        'contribution (mean answer points)': p.contribution.toFixed(4),
      })),
    );
  }
  out();
  out(`interval: ${a.method}`);
  for (const n of a.notes) out(`note: ${n}`);
  out('assumptions:');
  for (const s of a.assumptions) out(`  - ${s}`);
}

export function register(analyze: Command): void {
  withCommonOptions(analyze.command('what-if'))
    .description(
      'what lifting a touchpoint (or halving its bad experiences) does to an outcome: direct + indirect effect with an interval',
    )
    .requiredOption('--from <date>', 'start of the window (YYYY-MM-DD or ISO-8601)')
    .requiredOption('--to <date>', 'end of the window (a date includes that day)')
    .option('--follow-until <date>', 'look for purchases and churn until here (default --to)')
    .requiredOption('--touchpoint <id>', 'the touchpoint to improve')
    .option('--outcome <outcome>', 'nps, csat@TOUCHPOINT, repeat-purchase, churn ...', 'nps')
    .option(
      '--lift <amount>',
      "in the touchpoint's measure: NPS points, top-2-box percentage points (CSAT), scale points (CES, ratings)",
    )
    .option('--halve-bad', 'instead: half of the bad experiences become good ones', false)
    .option('--reduce-bad <share>', 'instead: this share of the bad experiences become good ones')
    .option('--drivers <list>', 'driver touchpoints of the model (default: by coverage)', collect, [])
    .addOption(formatOption())
    .action(async (options: WhatIfCliOptions) => {
      const drivers = list(options.drivers);
      const request = {
        from: options.from,
        to: options.to,
        ...(options.followUntil === undefined ? {} : { followUntil: options.followUntil }),
        touchpoint: options.touchpoint,
        outcome: options.outcome,
        ...(options.lift === undefined ? {} : { lift: parseNumber('--lift', options.lift) }),
        ...(options.halveBad ? { halveBad: true } : {}),
        ...(options.reduceBad === undefined
          ? {}
          : { reduceBad: parseNumber('--reduce-bad', options.reduceBad) }),
        ...(drivers.length ? { drivers } : {}),
      };
      const { answer } = await readThrough<WhatIfAnswer>(
        options,
        async (services, workspaceId) =>
          (await import('./service.ts')).whatIfAnalysis(services, workspaceId, request),
        { method: 'POST', path: '/v1/analyze/what-if', body: request },
      );
      if (options.format === 'json') printJson(answer);
      else printReadable(answer);
      if (!answer.ok) process.exitCode = 1;
    });
}
