import { Client } from './client.ts';
import type { Options } from './types.ts';

export { Client };
export type { Options };

type Call = [string, ...unknown[]];

/**
 * The script-tag entry. Pages queue calls before the script loads:
 *   window.cxloop = window.cxloop || []; cxloop.push(['init', {key: 'cx_ingest_...'}]);
 *   cxloop.push(['track', 'Product Viewed', {sku: 'A-1'}]);
 * and those calls run, in order, once it has; later pushes run at once.
 */
function install(w: Window & { cxloop?: Call[] | { push(call: Call): void } }) {
  const queued = Array.isArray(w.cxloop) ? w.cxloop : [];
  const script = document.currentScript as HTMLScriptElement | null;
  const origin = script?.src ? new URL(script.src).origin : location.origin;
  let client: Client | null = null;
  const run = ([method, ...args]: Call) => {
    if (method === 'init') {
      const options = args[0] as Options;
      client = new Client({ ...options, host: options.host ?? origin });
      return;
    }
    if (!client) return void console.warn('cxloop: call init with your ingest key first');
    const target = client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    if (typeof target[method] !== 'function') return void console.warn(`cxloop: no method ${method}`);
    void target[method]!(...args).catch((error: unknown) => console.warn(String(error)));
  };
  // Calls made before init keep their order: init runs first, then the rest.
  queued.filter((c) => c[0] === 'init').forEach(run);
  queued.filter((c) => c[0] !== 'init').forEach(run);
  w.cxloop = { push: run };
}

if (typeof window !== 'undefined') install(window as never);
