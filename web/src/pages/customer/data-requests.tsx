import { useState } from 'preact/hooks';
import { http } from '../../api/client.ts';
import type { ErasureReport } from '../../api/endpoints.ts';

/**
 * The customer's data subject requests: download everything held about them (a zip of CSVs and
 * customer.json), or erase them. Erasure cannot be undone, so the browser asks first; the reply
 * says how many rows went and how the deletion was made physical.
 */
export function DataRequests({ customerId }: { customerId: string }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; report: ErasureReport }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const path = `/v1/customers/${encodeURIComponent(customerId)}`;
  const erase = async () => {
    if (
      !window.confirm(
        `Erase ${customerId}? Every row about them is deleted for good, and they are refused from now on.`,
      )
    )
      return;
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', report: await http.delete<ErasureReport>(path) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  if (state.kind === 'done') {
    const rows = Object.values(state.report.rows).reduce((a, b) => a + b, 0);
    return (
      <p class="help" data-testid="erasure-done">
        Erased: {rows} rows deleted;{' '}
        {state.report.reclaim.engine === 'duckdb'
          ? 'the database file was rewritten without them'
          : `PostgreSQL tables vacuumed (${state.report.reclaim.vacuumed.join(', ')})`}
        . The audit log names them as <code>{state.report.target}</code>.
      </p>
    );
  }
  return (
    <section class="data-requests" aria-label="Data requests">
      <h2>Data requests</h2>
      <p class="help">
        <a href={`${path}/export?format=zip`} download data-testid="export-link">
          Download everything held about this customer
        </a>{' '}
        (customer.json and one CSV per table).{' '}
        <button type="button" onClick={erase} disabled={state.kind === 'busy'} data-testid="erase-button">
          Erase this customer
        </button>
      </p>
      {state.kind === 'failed' && <p class="state-error">{state.message}</p>}
    </section>
  );
}
