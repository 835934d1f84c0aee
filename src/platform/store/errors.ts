/** Another process (usually a running `cxloop serve`) holds the embedded database file. */
export class DatabaseLockedError extends Error {
  /** The process holding the lock, when the database says (DuckDB: "... is held in ... (PID 123)"). */
  readonly holderPid: number | undefined;

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`the database ${path} is in use by another process (${detail.split('\n')[0]})`);
    const pid = /\(PID (\d+)\)/.exec(detail)?.[1];
    this.holderPid = pid === undefined ? undefined : Number(pid);
  }
}
