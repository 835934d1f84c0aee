import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv, type CsvError } from 'csv-parse';

/**
 * Longest line (JSON Lines) or record (CSV) an import reads, and most CSV columns. An item is at
 * most a few 32 KiB objects and 8 KiB strings, so 256 KiB is generous; without a limit a line of
 * 10^6 columns took 10 s and 714 MB and came back as an 8 MB error line (issue #13, finding 10).
 */
export const MAX_LINE_BYTES = 256 * 1024;
export const MAX_CSV_COLUMNS = 1000;

/** A line that is not an item: its reason, short enough to print. */
export class LineError extends Error {}

const BOM = '\uFEFF';

/**
 * A CSV row in the canonical shape: columns are item fields; `properties.X` columns become
 * properties; `scaleMin`/`scaleMax` become `scale`; empty cells are absent. Properties are built
 * without a prototype, so a `properties.__proto__` column stays a key and is refused by the same
 * check as over HTTP instead of vanishing into the object's prototype.
 */
function csvItem(record: Record<string, string>, numeric: ReadonlySet<string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const properties: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [column, value] of Object.entries(record)) {
    if (value === '') continue;
    if (column.startsWith('properties.')) properties[column.slice('properties.'.length)] = value;
    else if (column === 'properties') Object.assign(properties, JSON.parse(value));
    else if (column.startsWith('traits.')) {
      const traits = (item.traits ??= Object.create(null)) as Record<string, unknown>;
      traits[column.slice('traits.'.length)] = value;
    } else if (column === 'traits')
      item.traits = Object.assign(Object.create(null), item.traits, JSON.parse(value));
    else if (column === 'scaleMin' || column === 'scaleMax') {
      const scale = (item.scale ??= {}) as Record<string, number>;
      scale[column === 'scaleMin' ? 'min' : 'max'] = Number(value);
    } else item[column] = numeric.has(column) ? Number(value) : value;
  }
  if (Object.keys(properties).length) item.properties = properties;
  return item;
}

const lineOf = (error: CsvError, fallback: number): number =>
  typeof error.lines === 'number' ? error.lines : fallback;

/** csv-parse's reasons in a sentence each, with the line where the problem is. */
function csvProblem(error: CsvError, recordStart: number): [number, LineError] {
  const line = lineOf(error, recordStart);
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return [
        recordStart,
        new LineError(`a quote opened in the record starting on line ${recordStart} is never closed`),
      ];
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return [line, new LineError(`the row does not have the header's number of columns`)];
    case 'CSV_MAX_RECORD_SIZE':
      return [
        line,
        new LineError(`the record is longer than ${MAX_LINE_BYTES} bytes; the file is not read past it`),
      ];
    default:
      return [line, new LineError(error.message.slice(0, 200))];
  }
}

/**
 * Yields [line number, item or the line's error] for a CSV file. A malformed record is one error
 * on its line and reading goes on; a record over the size limit ends the file's reading there (the
 * parser cannot find where it ends without reading it all), which the error says.
 */
async function* csvItems(path: string, numeric: ReadonlySet<string>): AsyncGenerator<[number, unknown]> {
  const skipped: CsvError[] = [];
  const parser = createReadStream(path).pipe(
    parseCsv({
      columns: (header: string[]) => {
        if (header.length > MAX_CSV_COLUMNS)
          throw new LineError(`the header has ${header.length} columns; at most ${MAX_CSV_COLUMNS}`);
        return header;
      },
      bom: true,
      info: true,
      relax_column_count: false,
      max_record_size: MAX_LINE_BYTES,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: CsvError) => skipped.push(error));
  let lastLine = 0;
  // Yields what was skipped so far; true when reading must stop.
  function* flushSkipped(): Generator<[number, unknown], boolean> {
    for (const error of skipped.splice(0)) {
      yield csvProblem(error, lastLine + 1);
      if (error.code === 'CSV_MAX_RECORD_SIZE') return true;
    }
    return false;
  }
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (yield* flushSkipped()) return;
      lastLine = info.lines;
      try {
        yield [info.lines, csvItem(record, numeric)];
      } catch (error) {
        yield [info.lines, new LineError((error as Error).message.slice(0, 200))];
      }
    }
    yield* flushSkipped();
  } catch (error) {
    yield [lastLine + 1, error instanceof LineError ? error : new LineError(String(error).slice(0, 200))];
  } finally {
    parser.destroy();
  }
}

/**
 * Splits a file into lines without ever holding more than MAX_LINE_BYTES of one: a longer line
 * is reported and skipped to its end, so a huge line costs only the time to read past it.
 */
async function* boundedLines(path: string): AsyncGenerator<string | LineError> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const finish = () => {
    const line: string | LineError = tooLong
      ? new LineError(`the line is longer than ${MAX_LINE_BYTES} bytes`)
      : Buffer.concat(parts, size).toString('utf8');
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, from)) {
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        if (size + end - from > MAX_LINE_BYTES) {
          tooLong = true;
          parts = [];
        } else if (end > from) {
          parts.push(chunk.subarray(from, end));
          size += end - from;
        }
      }
      if (nl === -1) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}

/** Yields [line number, parsed item or the line's error] for a JSON Lines or CSV file. */
export async function* readItems(
  path: string,
  numeric: ReadonlySet<string>,
): AsyncGenerator<[number, unknown]> {
  if (extname(path).toLowerCase() === '.csv') {
    yield* csvItems(path, numeric);
    return;
  }
  let line = 0;
  for await (const read of boundedLines(path)) {
    line++;
    if (read instanceof LineError) {
      yield [line, read];
      continue;
    }
    // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the JSON.
    const text = (line === 1 && read.startsWith(BOM) ? read.slice(1) : read).replace(/\r$/, '');
    if (!text.trim()) continue;
    try {
      yield [line, JSON.parse(text)];
    } catch (error) {
      yield [line, new LineError((error as Error).message.slice(0, 200))];
    }
  }
}
