import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client.ts';
import { timeline } from '../../api/endpoints.ts';
import type { TimelineItem, TimelinePage } from '../../api/types.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDate, formatDateTime, formatDuration } from '../../lib/format.ts';
import { touchpointName, useJourneyIndex, type JourneyIndex } from '../../lib/journey-index.ts';
import { useResource } from '../../lib/use-resource.ts';

export function Timeline({ customerId }: { customerId: string }) {
  const first = useResource((signal) => timeline(customerId, null, signal), [customerId]);
  return (
    <ResourceView
      resource={first}
      label="the timeline"
      isEmpty={(page) => page.items.length === 0}
      empty="This customer has no events or feedback yet."
    >
      {(page) => <TimelineBody customerId={customerId} first={page} />}
    </ResourceView>
  );
}

function TimelineBody({ customerId, first }: { customerId: string; first: TimelinePage }) {
  const [items, setItems] = useState(first.items);
  const [next, setNext] = useState(first.next);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const more = async () => {
    if (!next) return;
    setLoading(true);
    setError(null);
    try {
      const page = await timeline(customerId, next);
      setItems((current) => [...current, ...page.items]);
      setNext(page.next);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  };
  const customer = first.customer;
  const journey = useJourneyIndex();
  return (
    <>
      <CurrentStage stage={first.stage} />
      {customer && (
        <dl class="customer-facts" data-testid="customer-facts">
          {Object.entries(customer.traits).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
          <div>
            <dt>first seen</dt>
            <dd>{formatDate(customer.firstSeen)}</dd>
          </div>
          <div>
            <dt>last seen</dt>
            <dd>{formatDate(customer.lastSeen)}</dd>
          </div>
        </dl>
      )}
      <h2>Timeline</h2>
      <ol class="timeline" data-testid="timeline">
        {items.map((item) => (
          <TimelineEntry key={`${item.kind}:${item.id}`} item={item} journey={journey} />
        ))}
      </ol>
      <p class="help" aria-live="polite">
        Showing {formatCount(items.length)} items{next ? '' : ', the whole timeline'}.
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {next && (
        <button type="button" onClick={more} disabled={loading}>
          {loading ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  );
}

/** Where the customer is in the journey now, with the rule that calls them stalled in words. */
function CurrentStage({ stage }: { stage: TimelinePage['stage'] }) {
  if (!stage)
    return (
      <p class="help" data-testid="customer-stage">
        No current stage: no event at a journey touchpoint yet.
      </p>
    );
  return (
    <p
      class="customer-stage"
      data-testid="customer-stage"
      data-stage={stage.stage}
      data-stalled={String(stage.stalled)}
    >
      Current stage: <strong>{stage.name}</strong> since {formatDate(stage.since)} (
      {formatDuration(stage.inStageMs)}){stage.stalled === true && <span class="badge"> stalled</span>}.{' '}
      <span class="score-sample">
        {stage.typicalMs === null
          ? `Not judged stalled or not: only ${formatCount(stage.movedOn)} customers moved on from this stage (20 needed for a typical time).`
          : `Stalled means longer than ${formatDuration(stage.typicalMs)}, the 90th percentile of the time the ${formatCount(stage.movedOn)} customers who moved on from this stage spent there; judged on ${formatDate(stage.asOf)}.`}{' '}
        The current stage is the furthest stage of the customer's current cycle; a purchase followed by
        browsing, or a repeat purchase, starts a new cycle.
      </span>
    </p>
  );
}

const KIND_LABEL = { event: 'Event', feedback: 'Feedback', invitation: 'Survey invitation' } as const;

function TimelineEntry({ item, journey }: { item: TimelineItem; journey: JourneyIndex | undefined }) {
  return (
    <li class={`timeline-item ${item.kind}`} data-kind={item.kind}>
      <time dateTime={new Date(item.timestamp).toISOString()}>{formatDateTime(item.timestamp)}</time>
      <span class="kind">{KIND_LABEL[item.kind]}</span>
      <div class="what">
        {item.kind === 'event' && <strong>{item.name}</strong>}
        {item.kind === 'feedback' && (
          <strong>
            {item.metric?.toUpperCase()} {item.score}
            {item.scale ? ` on ${item.scale.min}–${item.scale.max}` : ''}
          </strong>
        )}
        {item.kind === 'invitation' && (
          <strong>
            {item.survey} by {item.channel}: {item.status}
            {item.reason ? ` (${item.reason})` : ''}
          </strong>
        )}
        {item.touchpoint && (
          <>
            {' at '}
            <Link href={touchpointHref(item.touchpoint)}>{touchpointName(journey, item.touchpoint)}</Link>
          </>
        )}
        {/* Comments are customer text: rendered as text nodes, never as HTML. */}
        {item.comment && <blockquote class="comment">{item.comment}</blockquote>}
        {item.kind === 'event' && item.properties !== undefined && <Properties value={item.properties} />}
      </div>
    </li>
  );
}

function Properties({ value }: { value: unknown }) {
  if (!value || typeof value !== 'object' || Object.keys(value).length === 0) return null;
  return (
    <span class="properties">
      {Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' · ')}
    </span>
  );
}
