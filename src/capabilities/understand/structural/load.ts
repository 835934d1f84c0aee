import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../../../core/issues.ts';
import { parseMatrixCsv } from '../../../core/structural/matrix-csv.ts';

/**
 * Reads an analysis input file: JSON, or for influence matrices a CSV with a header row and column
 * of names (chosen by the .csv extension). Problems come back as an InputError on `input`.
 */
export async function readAnalysisInput(path: string, { csv }: { csv: boolean }): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError([{ path: 'input', code: 'unreadable_file', message: `${path}: ${reason}` }]);
  }
  if (extname(path).toLowerCase() === '.csv') {
    if (!csv) {
      throw new InputError([
        {
          path: 'input',
          code: 'unsupported_format',
          message: 'this analysis reads JSON; CSV is for influence matrices',
        },
      ]);
    }
    const parsed = parseMatrixCsv(text);
    if (!parsed.ok) throw new InputError(parsed.issues);
    return parsed.input;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError([
      { path: 'input', code: 'malformed_json', message: `${path}: ${(error as Error).message}` },
    ]);
  }
}
