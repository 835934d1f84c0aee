import { rejects, type IngestReject } from '../../api/endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

const SHOWN = 50;

/**
 * The rejects log: messages a Segment-compatible call refused while it stored the rest of their
 * batch. Each row says why, with the field path, and holds the message as it arrived.
 */
export function RejectsPage() {
  const found = useResource((signal) => rejects(SHOWN, signal), []);
  return (
    <section>
      <PageHeader
        title="Rejected data"
        intro="Messages from Segment-compatible sources (/v1/batch, /v1/track ...) that were not stored, while the rest of their request was."
      />
      <ResourceView
        resource={found}
        label="rejected messages"
        isEmpty={(r) => r.total === 0}
        empty="Nothing was rejected: every message these sources sent was valid."
      >
        {(data) => (
          <>
            <p data-testid="rejects-summary">
              {formatCount(data.total)} messages rejected in this workspace since it began,{' '}
              {formatCount(data.waiting)} not replayed. Showing the newest{' '}
              {Math.min(SHOWN, data.rejects.length)}. After fixing the cause, run{' '}
              <code>cxloop rejects replay</code> (or <code>POST /v1/rejects/replay</code>) to store those
              valid now.
            </p>
            <table class="rejects" data-testid="rejects-table">
              <thead>
                <tr>
                  <th scope="col">received</th>
                  <th scope="col">call</th>
                  <th scope="col">why</th>
                  <th scope="col">message</th>
                </tr>
              </thead>
              <tbody>
                {data.rejects.map((r) => (
                  <Row key={r.id} reject={r} />
                ))}
              </tbody>
            </table>
          </>
        )}
      </ResourceView>
    </section>
  );
}

function Row({ reject }: { reject: IngestReject }) {
  return (
    <tr>
      <td>
        {formatDateTime(reject.receivedAt)}
        {reject.replayedAt && <div class="score-sample">replayed {formatDateTime(reject.replayedAt)}</div>}
      </td>
      <td>{reject.call}</td>
      <td>
        <ul>
          {reject.issues.map((i) => (
            <li key={`${i.path}:${i.code}`}>
              <code>{i.path || '(message)'}</code>: {i.message}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <details>
          <summary>as sent</summary>
          <pre>{JSON.stringify(reject.message, null, 2)}</pre>
        </details>
      </td>
    </tr>
  );
}
