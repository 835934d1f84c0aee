import { auditLog, type AuditEntry } from '../../api/endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

const SHOWN = 100;

/**
 * The audit log: who changed configuration or keys, signed in, exported or erased a customer;
 * newest first, with the changed leaves of a configuration. Customers appear by hash only.
 */
export function AuditPage() {
  const found = useResource((signal) => auditLog(SHOWN, null, signal), []);
  return (
    <section>
      <PageHeader
        title="Audit log"
        intro="Who changed the journey map, surveys, policies, retention or keys, who signed in, and every customer export and erasure."
      />
      <ResourceView
        resource={found}
        label="audit entries"
        isEmpty={(r) => r.entries.length === 0}
        empty="Nothing recorded yet: no sign-in, configuration change, export or erasure in this workspace."
      >
        {(data) => (
          <>
            <p data-testid="audit-summary">
              {data.entries.length} newest entries{data.next ? ' (there are older ones)' : ''}:{' '}
              {data.population}. All of them: <code>cxloop audit export</code> (JSON Lines) or{' '}
              <code>GET /v1/audit</code>.
            </p>
            <table class="rejects" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">when</th>
                  <th scope="col">who</th>
                  <th scope="col">what</th>
                  <th scope="col">changes</th>
                  <th scope="col">from</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <Row key={e.id} entry={e} />
                ))}
              </tbody>
            </table>
          </>
        )}
      </ResourceView>
    </section>
  );
}

const shown = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>{formatDateTime(entry.at)}</td>
      <td>
        {entry.actor.kind} <code>{entry.actor.id}</code>
      </td>
      <td>
        {entry.operation}
        {entry.target && (
          <div>
            <code>{entry.target}</code>
          </div>
        )}
      </td>
      <td>
        {entry.diff && (
          <ul>
            {entry.diff.map((d) => (
              <li key={d.path}>
                <code>{d.path || '(whole)'}</code>: {shown(d.before)} → {shown(d.after)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{[entry.ip, entry.userAgent].filter(Boolean).join(' · ')}</td>
    </tr>
  );
}
