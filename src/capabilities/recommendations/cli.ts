import { Command, Option } from 'commander';
import {
  formatOption,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  type CommonOptions,
} from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';
import type { ForReply, LearnOptions, PairsReply } from './contract.ts';

interface LearnFlags extends CommonOptions {
  event: string;
  property: string;
  minSupport: string;
  minCustomers: string;
  alpha: string;
  format: string;
}

function learnOptions(command: Command): Command {
  return withCommonOptions(command)
    .addOption(new Option('--event <name>', 'the purchase event').default('Order Completed'))
    .addOption(
      new Option('--property <name>', "the event's property naming the products").default('products'),
    )
    .addOption(
      new Option('--min-support <share>', 'least share of buying customers who bought both').default('0.01'),
    )
    .addOption(new Option('--min-customers <n>', 'least number of customers who bought both').default('5'))
    .addOption(new Option('--alpha <p>', 'family-wise error rate of the tests (Holm)').default('0.05'))
    .addOption(formatOption());
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new DomainError('invalid', `--${flag} takes a number, got "${value}"`);
  return n;
}

function parsed(flags: LearnFlags): LearnOptions {
  return {
    event: flags.event,
    property: flags.property,
    minSupport: number('min-support', flags.minSupport),
    minCustomers: number('min-customers', flags.minCustomers),
    alpha: number('alpha', flags.alpha),
  };
}

/** The options as the HTTP route's query, for a read through a running server. */
const query = (o: LearnOptions) => ({
  event: o.event,
  property: o.property,
  minSupport: String(o.minSupport),
  minCustomers: String(o.minCustomers),
  alpha: String(o.alpha),
});

const fixed = (x: number, digits = 2) => x.toFixed(digits);

function populationLine(p: PairsReply['population']): string {
  const period = p.from ? `${p.from.slice(0, 10)} to ${p.to!.slice(0, 10)}` : 'no purchases';
  return `${p.customers} customers with a "${p.event}" naming products (${p.purchases} purchases, ${period})\n`;
}

export function register(program: Command) {
  const parent = program
    .command('recommendations')
    .description('co-purchase recommendations: customers who bought X also bought Y');

  learnOptions(parent.command('pairs'))
    .description('products bought together beyond chance, with support, confidence and lift')
    .option('--all', 'also list tested pairs that are not significant')
    .option('--limit <n>', 'at most this many rules', '50')
    .action(async (flags: LearnFlags & { all?: boolean; limit: string }) => {
      const options = parsed(flags);
      const limit = number('limit', flags.limit);
      const { answer } = await readThrough<PairsReply>(
        flags,
        (services, workspaceId) =>
          services.recommendations.pairs(workspaceId, options, flags.all === true, limit),
        {
          method: 'GET',
          path: '/v1/recommendations/pairs',
          query: { ...query(options), all: String(flags.all === true), limit: String(limit) },
        },
      );
      if (flags.format === 'json') return printJson(answer);
      process.stdout.write(populationLine(answer.population));
      process.stdout.write(
        `${answer.tested} pairs at or above the minimum support tested (Fisher exact, Holm)\n\n`,
      );
      printTable(
        answer.pairs.map((r) => ({
          bought: r.product,
          'also bought': r.also,
          customers: r.together,
          support: fixed(r.support, 3),
          confidence: fixed(r.confidence),
          lift: fixed(r.lift),
          'p (Holm)': r.pAdjusted < 0.001 ? '<0.001' : fixed(r.pAdjusted, 3),
          significant: r.significant ? 'yes' : 'no',
        })),
      );
    });

  learnOptions(parent.command('for <customer>'))
    .description('products to recommend to one customer, excluding what they already bought')
    .option('--limit <n>', 'at most this many products', '5')
    .action(async (customer: string, flags: LearnFlags & { limit: string }) => {
      const options = parsed(flags);
      const limit = number('limit', flags.limit);
      const { answer } = await readThrough<ForReply>(
        flags,
        async (services, workspaceId) => {
          const r = await services.recommendations.recommendationsFor(workspaceId, customer, limit, options);
          return { customer, population: r.population, owned: r.owned, recommendations: r.recommendations };
        },
        {
          method: 'GET',
          path: '/v1/recommendations',
          query: { ...query(options), customer, limit: String(limit) },
        },
      );
      if (flags.format === 'json') return printJson(answer);
      process.stdout.write(populationLine(answer.population));
      process.stdout.write(`${customer} bought: ${answer.owned.join(', ') || 'nothing yet'}\n\n`);
      if (answer.recommendations.length === 0) {
        process.stdout.write('no product goes with these beyond chance\n');
        return;
      }
      printTable(
        answer.recommendations.map((r) => ({
          recommend: r.product,
          because: r.because,
          confidence: fixed(r.confidence),
          lift: fixed(r.lift),
          customers: r.together,
        })),
      );
    });
}
