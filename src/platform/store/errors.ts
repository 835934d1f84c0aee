import { DomainError } from '../errors.ts';

/**
 * Another process (usually a running `cxloop serve`) holds the embedded database file. A
 * DomainError of kind 'locked'; it keeps the path and the holder so the CLI can point at the server.
 */
export class DatabaseLockedError extends DomainError {
  /** The process holding the lock, when the database says (DuckDB: "... is held in ... (PID 123)"). */
  readonly holderPid: number | undefined;

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super('locked', `the database ${path} is in use by another process (${detail.split('\n')[0]})`, {
      code: 'database_locked',
    });
    const pid = /\(PID (\d+)\)/.exec(detail)?.[1];
    this.holderPid = pid === undefined ? undefined : Number(pid);
  }
}
