import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../core/issues.ts';
import { parseJourneyMap } from '../../core/journey/validate.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';

const TEMPLATES = new URL('../../../templates/', import.meta.url);

/** Reads a journey map from YAML or JSON text (JSON is valid YAML, but its errors read better as JSON). */
export function parseJourneyText(text: string, format: 'yaml' | 'json'): JourneyMap {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new InputError([
      {
        path: '',
        code: 'malformed',
        message: `not valid ${format.toUpperCase()}: ${(error as Error).message}`,
      },
    ]);
  }
  const result = parseJourneyMap(data);
  if (!result.ok) throw new InputError(result.issues);
  return result.map;
}

export function readJourneyFile(path: string): JourneyMap {
  return parseJourneyText(
    readFileSync(path, 'utf8'),
    extname(path).toLowerCase() === '.json' ? 'json' : 'yaml',
  );
}

/** The retail e-commerce map every new workspace starts from. */
export function defaultJourney(): JourneyMap {
  return parseJourneyText(readFileSync(new URL('retail-ecommerce.yaml', TEMPLATES), 'utf8'), 'yaml');
}
