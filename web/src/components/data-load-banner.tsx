import type { DataLoad } from '../api/types.ts';
import { formatCount } from '../lib/format.ts';

/**
 * The banner over every page while the workspace's data loads in the background: what is loading,
 * how far it is, and that every number on the page counts only what has been stored so far.
 */
export function DataLoadBanner({ load }: { load: DataLoad | null }) {
  if (!load || load.state === 'loaded') return null;
  if (load.state === 'failed') {
    return (
      <div class="data-load-banner failed" role="alert">
        Loading {load.what} failed: {load.error}. Start the server again with --demo to go on; what was stored
        stays.
      </div>
    );
  }
  const percent = Math.floor(load.share * 100);
  const step =
    load.phase === 'generating'
      ? `generating: ${formatCount(load.done)} of ${formatCount(load.total)} shoppers simulated`
      : `storing: ${formatCount(load.done)} of ${formatCount(load.total)} items stored`;
  return (
    <div class="data-load-banner" role="status" data-testid="data-load-banner">
      <div>
        <strong>Loading {load.what}</strong>: {percent} % ({step}). Every number on this page counts only what
        has been stored so far; the page loads again as more lands.
      </div>
      <progress max={100} value={percent} aria-label={`loading ${load.what}`} />
    </div>
  );
}
