import type { DuckDBConnection } from '@duckdb/node-api';
import type { DomainEvent } from '../../events/domain-event.ts';
import type { SqlStatement, WriteResult } from '../port.ts';
import { fromDuckRow, toDuckValue } from './values.ts';

/** A transaction on the writer that also appends domain events to the outbox before it commits. */
type Transaction = <T>(
  work: (connection: DuckDBConnection) => Promise<T>,
  domainEvents: DomainEvent[],
) => Promise<T>;

interface Waiting {
  statements: SqlStatement[];
  domainEvents: DomainEvent[];
  resolve: (results: WriteResult[]) => void;
  reject: (error: unknown) => void;
}

export async function runAll(
  connection: DuckDBConnection,
  statements: SqlStatement[],
): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const { sql, params = [] } of statements) {
    const reader = await connection.runAndReadAll(sql, params.map(toDuckValue));
    // DuckDB reports a count row for plain writes and rowsChanged 0 for RETURNING.
    const rows = /\bRETURNING\b/i.test(sql)
      ? reader.getRowObjectsJS().map((row) => fromDuckRow(row as Record<string, unknown>))
      : [];
    results.push({ changed: rows.length || reader.rowsChanged, rows });
  }
  return results;
}

/**
 * Group commit for `Store.write`: calls that arrive while a commit runs wait and then commit
 * together, one WAL flush for many small writes (survey answers come one question at a time).
 * Each call stays all-or-nothing: if the group fails, every call is retried in a transaction of
 * its own, so only the faulty one fails.
 */
export class GroupedWrites {
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly enqueue: (task: () => Promise<void>) => Promise<void>,
    private readonly transaction: Transaction,
  ) {}

  write(statements: SqlStatement[], domainEvents: DomainEvent[] = []): Promise<WriteResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ statements, domainEvents, resolve, reject });
      if (this.waiting.length === 1) void this.enqueue(() => this.commitWaiting());
    });
  }

  private async commitWaiting() {
    while (this.waiting.length) {
      const group = this.waiting.splice(0, this.waiting.length);
      try {
        const results = await this.transaction(
          async (c) => {
            const out: WriteResult[][] = [];
            for (const call of group) out.push(await runAll(c, call.statements));
            return out;
          },
          group.flatMap((call) => call.domainEvents),
        );
        group.forEach((call, i) => call.resolve(results[i]!));
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          continue;
        }
        for (const call of group) {
          await this.transaction((c) => runAll(c, call.statements), call.domainEvents).then(
            call.resolve,
            call.reject,
          );
        }
      }
    }
  }
}
