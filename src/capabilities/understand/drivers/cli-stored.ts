import { storedDrivers } from './stored.ts';
import type { StoredDriverAnswer } from '../contract.ts';
import { list, printJson, printTable, readThrough } from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';
import { parseCount, parseRule, type DriversCliOptions } from './cli-options.ts';
import { printReadable } from './cli-print.ts';

/**
 * `cxloop analyze drivers --from DATE --to DATE --outcome nps|csat@TOUCHPOINT|repeat-purchase|churn`:
 * the stored-data mode of the drivers command (cli.ts hands over when --from or --to is
 * given). Per customer, touchpoint scores are the drivers; the same JSON as POST /v1/analyze/drivers,
 * which answers instead while a server holds the database.
 */
export async function runStoredDrivers(options: DriversCliOptions): Promise<void> {
  if (options.from === undefined || options.to === undefined) {
    throw new DomainError('invalid', 'stored-data mode needs both --from and --to');
  }
  if (options.csv.length > 0) throw new DomainError('invalid', 'give either --csv or --from/--to, not both');
  const share = options.minCoverage === undefined ? undefined : Number(options.minCoverage);
  if (share !== undefined && !(share >= 0 && share <= 1)) {
    throw new DomainError(
      'invalid',
      `--min-coverage takes a share from 0 to 1, got "${options.minCoverage}"`,
    );
  }
  const drivers = list(options.drivers);
  const minN = parseCount('--min-n', options.minN);
  const maxDrivers = parseCount('--max-drivers', options.maxDrivers);
  const request = {
    from: options.from,
    to: options.to,
    ...(options.followUntil === undefined ? {} : { followUntil: options.followUntil }),
    outcome: options.outcome,
    ...(drivers.length ? { drivers } : {}),
    ...(share === undefined ? {} : { minCoverage: share }),
    threshold: parseRule('--threshold', options.threshold),
    ...(options.importanceThreshold === undefined
      ? {}
      : { importanceThreshold: parseRule('--importance-threshold', options.importanceThreshold) }),
    importance: options.importance === 'relative-weight' ? 'relativeWeight' : 'lmg',
    ...(minN === undefined ? {} : { minN }),
    ...(maxDrivers === undefined ? {} : { maxDrivers }),
  };
  const { answer } = await readThrough<StoredDriverAnswer>(
    options,
    (services, workspaceId) => storedDrivers(services, workspaceId, request),
    { method: 'POST', path: '/v1/analyze/drivers', body: request },
  );
  if (options.format === 'json') printJson(answer);
  else printStored(answer);
  if (!answer.ok) process.exitCode = 1;
}

function printStored(answer: StoredDriverAnswer): void {
  const out = (line = ''): void => void process.stdout.write(line + '\n');
  out(`workspace ${answer.workspace}, ${answer.window.from} to ${answer.window.to} (exclusive)`);
  out(`outcome: ${answer.outcomeDefinition}; ${answer.customersWithOutcome} customers have it`);
  out();
  printReadable(answer);
  out();
  out(`driver selection: ${answer.selection.rule}`);
  printTable(
    answer.selection.candidates.map((c) => ({
      touchpoint: c.touchpoint,
      metric: c.metric,
      scale: `${c.scale.min}-${c.scale.max}`,
      customers: c.customers,
      coverage: `${(c.coverage * 100).toFixed(1)}%`,
      driver: c.chosen ? 'yes' : 'no',
    })),
  );
  if (answer.rescaled) out('note: scores rescaled to 0-100 because the drivers use different scales');
}
