import { parseBody } from '../../../core/ingest/request.ts';
import { InputError } from '../../../core/issues.ts';
import { defineTask } from '../../../platform/workers/task.ts';
import { API_MAX_NODES, runCib, runDematel, runMicmac } from './analyses.ts';

/**
 * MICMAC, DEMATEL and CIB as worker-pool tasks over a raw request body. The body arrives as bytes
 * and the answer leaves as JSON bytes: parsing a 4 MB matrix and stringifying a 1000 x 1000 total
 * relation matrix each take tens of milliseconds, which would otherwise stall the serving thread.
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function analysisTask(
  name: string,
  optionKeys: readonly string[],
  analyse: (input: unknown, options: Record<string, unknown>) => unknown,
) {
  return defineTask(`structural.${name}`, (body: Uint8Array): Uint8Array<ArrayBuffer> => {
    const parsed = parseBody(decoder.decode(body));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InputError([{ path: '', code: 'invalid_type', message: 'the body is a JSON object' }]);
    }
    // Options travel in the body next to the matrix; the analyses take them apart.
    const input: Record<string, unknown> = { ...parsed };
    const options: Record<string, unknown> = {};
    for (const key of optionKeys) {
      if (Object.hasOwn(input, key)) options[key] = input[key];
      delete input[key];
    }
    return encoder.encode(JSON.stringify(analyse(input, options)));
  });
}

export const micmacTask = analysisTask(
  'micmac',
  ['power', 'maxPower', 'threshold', 'potentialWeight'],
  runMicmac,
);
export const dematelTask = analysisTask('dematel', ['potentialWeight'], runDematel);
export const cibTask = analysisTask(
  'cib',
  ['maxInconsistency', 'scenario', 'limit'],
  // A request must not hold a worker for minutes: the search gets a smaller budget than the CLI.
  (input, options) => runCib(input, options, API_MAX_NODES),
);
