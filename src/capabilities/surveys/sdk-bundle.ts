import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../../../sdk/src/index.ts', import.meta.url));

let bundle: Promise<{ code: string; etag: string }> | null = null;

/**
 * The browser SDK as one minified script, built from sdk/src on first request and kept: the
 * served file is always the source in the repository, with no build step to forget.
 */
export function sdkBundle(): Promise<{ code: string; etag: string }> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2019',
    write: false,
    legalComments: 'none',
  })
    .then((result) => {
      const code = result.outputFiles[0]!.text;
      return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 16)}"` };
    })
    .catch((error: unknown) => {
      bundle = null;
      throw error;
    });
  return bundle;
}
