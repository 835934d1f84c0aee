import { PageHeader } from '../../components/page-header.tsx';
import { formatCount, formatDate } from '../../lib/format.ts';
import { useSession } from '../../session-context.ts';

/** How to send data: shown on its own page and above the journey map while the workspace is empty. */
export function FirstRunPage() {
  return (
    <section>
      <PageHeader title="Send data to cxloop" />
      <FirstRunHelp />
    </section>
  );
}

export function FirstRunHelp() {
  const session = useSession();
  const origin = window.location.origin;
  const prefix = session.ingestKeys[0] ? `${session.ingestKeys[0].prefix}…` : 'cx_ingest_…';
  const event = JSON.stringify({
    customerId: 'customer-42',
    name: 'Order Placed',
    timestamp: new Date().toISOString().slice(0, 19) + 'Z',
    properties: { orderId: 'A-1001', total: 59.9 },
  });
  const feedback = JSON.stringify({
    customerId: 'customer-42',
    touchpoint: 'delivery',
    metric: 'csat',
    score: 4,
    comment: 'Arrived a day early',
    timestamp: new Date().toISOString().slice(0, 19) + 'Z',
  });
  return (
    <div class="first-run" data-testid="first-run">
      <p>
        This workspace has {formatCount(session.counts.events)} events and{' '}
        {formatCount(session.counts.feedback)} feedback responses. Send interaction events and feedback from
        your systems with the <strong>ingest key</strong>: it can write data but not read it, so it is safe in
        a web page or a pipeline.
      </p>
      <h2>Your ingest key</h2>
      {session.ingestKeys.length ? (
        <ul>
          {session.ingestKeys.map((k) => (
            <li key={k.prefix}>
              <code>{k.prefix}…</code> created {formatDate(k.createdAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p>This workspace has no ingest key yet.</p>
      )}
      <p class="help">
        Keys are stored hashed, so only their beginning is shown here. The full key was printed when the
        server first started (and saved beside the database in <code>*.keys.json</code>); make a new one with{' '}
        <code>cxloop keys create --kind ingest</code>.
      </p>
      <h2>Send an event</h2>
      <pre>
        <code>{`export CXLOOP_INGEST_KEY=...   # the whole ingest key, ${prefix}
curl ${origin}/v1/events \\
  -H "Authorization: Bearer $CXLOOP_INGEST_KEY" \\
  -H "Content-Type: application/json" \\
  -d '${event}'`}</code>
      </pre>
      <h2>Send feedback</h2>
      <pre>
        <code>{`curl ${origin}/v1/feedback \\
  -H "Authorization: Bearer $CXLOOP_INGEST_KEY" \\
  -H "Content-Type: application/json" \\
  -d '${feedback}'`}</code>
      </pre>
      <h2>Already use Segment?</h2>
      <p>
        cxloop speaks the Segment tracking spec: point a Segment-compatible source or pipeline at{' '}
        <code>{origin}/v1/track</code>, <code>/v1/identify</code> and <code>/v1/batch</code> with the ingest
        key as the write key (HTTP Basic user name). Files import with <code>cxloop import</code>; web pages
        can load the browser SDK from <code>{origin}/sdk.js</code>. Every endpoint is described in{' '}
        <a href="/openapi.json">/openapi.json</a>.
      </p>
    </div>
  );
}
