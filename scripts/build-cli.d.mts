// Types of build-cli.mjs for the TypeScript that imports it (tests/cli-build.test.ts, bench/cli-start.ts).
/** Builds dist/cli/ from src/ now; resolves to the milliseconds it took. */
export function buildCli(): Promise<number>;
/** The file URL of the compiled CLI, built first when missing or older than src/. */
export function cliEntry(options?: { quiet?: boolean }): Promise<string>;
