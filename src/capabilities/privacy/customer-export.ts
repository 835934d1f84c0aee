import { stringify } from 'csv-stringify/sync';
import { zipSync, strToU8 } from 'fflate';

/** One table's rows of one customer in an export. */
export interface ExportedTable {
  table: string;
  holds: string;
  /** Column names, in the table's order; each row lists its values in the same order. */
  columns: string[];
  rows: unknown[][];
}

/** Everything cxloop holds about one customer: GDPR articles 15 and 20 (access, portability). */
export interface CustomerExport {
  customer: { id: string; anonymousIds: string[]; emails: string[] };
  exportedAt: string;
  tables: ExportedTable[];
}

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * One CSV per table (a header of its columns, nested values as JSON text), plus `customer.json`,
 * the same export whole. Tables without rows are left out of the CSVs.
 */
export function exportFiles(data: CustomerExport): Map<string, string> {
  const files = new Map<string, string>([['customer.json', JSON.stringify(data, null, 2)]]);
  for (const t of data.tables) {
    if (t.rows.length === 0) continue;
    const lines = [t.columns, ...t.rows.map((r) => r.map(cell))];
    files.set(`${t.table}.csv`, stringify(lines, { record_delimiter: '\r\n' }));
  }
  return files;
}

/** The CSV bundle as one zip file (the API's `format=zip`). */
export function exportZip(data: CustomerExport): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of exportFiles(data)) entries[name] = strToU8(content);
  return zipSync(entries, { level: 6 });
}
