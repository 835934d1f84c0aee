import { useMemo, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client.ts';
import { touchpointFeedback, type TouchpointFeedback } from '../../api/touchpoints.ts';
import { Chart } from '../../charts/chart.tsx';
import { distributionOption } from '../../charts/options/distribution-bars.ts';
import { customerHref, Link } from '../../components/link.tsx';
import { formatCount, formatDate, formatDateTime } from '../../lib/format.ts';
import type { Period } from '../../lib/period.ts';

const METRIC_LABEL: Record<string, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES', rating: 'Rating' };

export function Distributions({ data }: { data: TouchpointFeedback }) {
  if (data.distribution.length === 0)
    return <p class="state state-empty">No scored responses in this period.</p>;
  return (
    <div class="distributions">
      {data.distribution.map((d) => (
        <DistributionChart key={`${d.metric}-${d.scale.min}-${d.scale.max}`} distribution={d} />
      ))}
    </div>
  );
}

function DistributionChart({
  distribution: d,
}: {
  distribution: TouchpointFeedback['distribution'][number];
}) {
  // Which answers are bad is the server's to say (core/experience), not a copy of its rule here.
  const option = useMemo(() => {
    const bad = new Set(d.experience.bad);
    return distributionOption(d.counts, (score) => bad.has(score));
  }, [d]);
  const label = `${METRIC_LABEL[d.metric] ?? d.metric} on ${d.scale.min}–${d.scale.max}`;
  return (
    <div class="distribution" data-metric={d.metric}>
      <h3>
        {label}: {formatCount(d.n)} responses
      </h3>
      <Chart option={option} label={`Responses per score, ${label}`} height={200} />
      <table class="visually-hidden">
        <caption>Responses per score, {label}</caption>
        <tbody>
          {d.counts.map((c) => (
            <tr key={c.score}>
              <th scope="row">{c.score}</th>
              <td>{c.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AffectedCustomers({ data, period }: { data: TouchpointFeedback; period: Period }) {
  const { affected } = data;
  const parts = [
    `${formatCount(affected.byAnswer)} by a bad answer`,
    ...affected.byFailure.map((f) => `${formatCount(f.customers)} by ${f.label ?? f.id}`),
  ];
  return (
    <div data-testid="affected">
      <p>
        <strong data-value={affected.customers}>{formatCount(affected.customers)}</strong> customers had a bad
        experience here from {formatDate(period.from)} to {formatDate(period.to)}
        {affected.byFailure.length > 0 ? ` (${parts.join(', ')}; a customer can have both)` : ''}.
      </p>
      <p class="help" data-testid="affected-population">
        Counted: {affected.population}. A bad experience is {affected.rule}. The pain-point card counts the
        same customers.
      </p>
      {data.affected.list.length > 0 && (
        <ul class="chips">
          {data.affected.list.map((c) => (
            <li key={c.id}>
              <Link href={customerHref(c.id)}>{c.id}</Link>
              <span class="score-sample">
                {' '}
                {formatDate(c.lastAt)}
                {c.lowResponses > 1 ? `, ${c.lowResponses} bad answers` : ''}
                {c.failureEvents > 0 ? `, ${c.failureEvents} failure${c.failureEvents > 1 ? 's' : ''}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.affected.customers > data.affected.list.length && (
        <p class="help">The {formatCount(data.affected.list.length)} most recent are listed.</p>
      )}
    </div>
  );
}

/** Comments are customers' own words: always rendered as text, never as HTML. */
export function Comments({ id, period, first }: { id: string; period: Period; first: TouchpointFeedback }) {
  const [responses, setResponses] = useState(first.responses);
  const [next, setNext] = useState(first.next);
  const [error, setError] = useState<string | null>(null);
  const more = async () => {
    if (next === null) return;
    try {
      const page = await touchpointFeedback(id, period, next);
      setResponses((current) => [...current, ...page.responses]);
      setNext(page.next);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };
  if (responses.length === 0) return <p class="state state-empty">No comments in this period.</p>;
  return (
    <>
      <ul class="comments" data-testid="comments">
        {responses.map((r) => (
          <li key={r.id} class="comment-entry">
            <p class="comment-meta">
              <strong>
                {METRIC_LABEL[r.metric] ?? r.metric} {r.score}
              </strong>{' '}
              from <Link href={customerHref(r.customerId)}>{r.customerId}</Link>,{' '}
              {formatDateTime(r.timestamp)}
            </p>
            <blockquote class="comment">{r.comment}</blockquote>
          </li>
        ))}
      </ul>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {next !== null && (
        <button type="button" onClick={more}>
          Show more comments
        </button>
      )}
    </>
  );
}
