/** Another process (usually a running `cxloop serve`) holds the embedded database file. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`the database ${path} is in use by another process (${detail.split('\n')[0]})`);
  }
}
