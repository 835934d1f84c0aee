import { z } from 'zod';
import { InputError, zodIssues, type FieldIssue } from '../../../core/issues.ts';
import { parseInfluenceMatrix } from '../../../core/structural/matrix-input.ts';
import {
  micmac,
  micmacOptionsSchema,
  type MicmacOptions,
  type MicmacResult,
} from '../../../core/structural/micmac.ts';
import {
  dematel,
  dematelOptionsSchema,
  type DematelOptions,
  type DematelResult,
} from '../../../core/structural/dematel.ts';
import { parseCibMatrix, parseScenario, scenarioCount } from '../../../core/structural/cib-input.ts';
import { evaluateScenario, scenarioNames, type ScenarioEvaluation } from '../../../core/structural/cib.ts';
import { DEFAULT_LIMIT, searchScenarios } from '../../../core/structural/cib-search.ts';

/**
 * The structural analyses as the CLI and the HTTP API call them: raw input and options in, the
 * contract's JSON out, or an InputError listing every problem with its field path. No database:
 * the matrix is the whole input.
 */

function options<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return parsed.data;
}

function orThrow<T>(outcome: { ok: true; result: T } | { ok: false; issues: FieldIssue[] }): T {
  if (!outcome.ok) throw new InputError(outcome.issues);
  return outcome.result;
}

function influenceMatrix(input: unknown) {
  const parsed = parseInfluenceMatrix(input);
  if (!parsed.ok) throw new InputError(parsed.issues);
  return parsed.matrix;
}

export function runMicmac(input: unknown, rawOptions: unknown = {}): MicmacResult {
  const opts: MicmacOptions = options(micmacOptionsSchema, rawOptions);
  return orThrow(micmac(influenceMatrix(input), opts));
}

export function runDematel(input: unknown, rawOptions: unknown = {}): DematelResult {
  const opts: DematelOptions = options(dematelOptionsSchema, rawOptions);
  return orThrow(dematel(influenceMatrix(input), opts));
}

/** Partial scenarios the CLI visits before giving up: minutes of work at worst. */
export const CLI_MAX_NODES = 1e9;
/** The API answers within seconds, so it allows far less work per request than the CLI. */
export const API_MAX_NODES = 3e7;

export const cibOptionsSchema = z.strictObject({
  maxInconsistency: z.number().nonnegative().optional(),
  scenario: z.array(z.string()).optional(),
  limit: z.int().min(1).max(DEFAULT_LIMIT).optional(),
  maxNodes: z.number().positive().optional(),
});
export type CibOptions = z.infer<typeof cibOptionsSchema>;

export interface CibListed {
  scenario: string[];
  totalImpactScore: number;
  inconsistency: number;
}

export interface CibResult {
  descriptors: string[];
  scenarioCount: number;
  maxInconsistency: number;
  /** Scenarios with inconsistency 0. */
  consistentCount: number;
  /** Scenarios with inconsistency <= maxInconsistency (the length of `consistent` unless truncated). */
  matchCount: number;
  truncated: boolean;
  /** Every scenario within maxInconsistency: least inconsistent first, then in descriptor-variant order. */
  consistent: CibListed[];
  /** With `scenario`: the impact balance of every variant for that scenario. */
  balances?: Record<string, number>;
  evaluation?: Omit<ScenarioEvaluation, 'balances'>;
  notes: string[];
}

export function runCib(input: unknown, rawOptions: unknown = {}, defaultMaxNodes = CLI_MAX_NODES): CibResult {
  const opts = options(cibOptionsSchema, rawOptions);
  const parsed = parseCibMatrix(input);
  if (!parsed.ok) throw new InputError(parsed.issues);
  const matrix = parsed.matrix;
  let evaluation: ScenarioEvaluation | undefined;
  if (opts.scenario) {
    const scenario = parseScenario(matrix, opts.scenario);
    if (!scenario.ok) throw new InputError(scenario.issues);
    evaluation = evaluateScenario(matrix, scenario.scenario);
  }
  const maxInconsistency = opts.maxInconsistency ?? 0;
  const maxNodes = opts.maxNodes ?? defaultMaxNodes;
  const search = searchScenarios(matrix, { maxInconsistency, maxNodes, limit: opts.limit ?? DEFAULT_LIMIT });
  if (!search.complete) {
    throw new InputError(
      [
        {
          path: 'matrix',
          code: 'search_too_large',
          message: `the exact search stopped after ${maxNodes.toLocaleString('en')} partial scenarios without finishing: the judgements constrain too little to enumerate ${scenarioCount(matrix).toLocaleString('en')} scenarios (allow more work with maxNodes / --max-nodes, or lower the inconsistency allowed)`,
        },
      ],
      'search_too_large',
    );
  }
  const notes: string[] = [];
  if (matrix.descriptors.length === 1) {
    notes.push(
      'only one descriptor: nothing impacts it but itself, so a variant is consistent unless its own row says otherwise',
    );
  }
  if (search.truncated)
    notes.push(`the list holds the first ${search.found.length} of ${search.matchCount} scenarios`);
  const result: CibResult = {
    descriptors: matrix.descriptors.map((d) => d.id),
    scenarioCount: scenarioCount(matrix),
    maxInconsistency,
    consistentCount: search.consistentCount,
    matchCount: search.matchCount,
    truncated: search.truncated,
    consistent: search.found.map((f) => ({
      scenario: scenarioNames(matrix, f.scenario),
      totalImpactScore: f.totalImpactScore,
      inconsistency: f.inconsistency,
    })),
    notes,
  };
  if (evaluation) {
    const { balances, ...rest } = evaluation;
    result.balances = balances;
    result.evaluation = rest;
  }
  return result;
}
