import { useMemo, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client.ts';
import { touchpointFeedback, type TouchpointFeedback } from '../../api/touchpoints.ts';
import { Chart } from '../../charts/chart.tsx';
import { distributionOption } from '../../charts/options/distribution-bars.ts';
import { customerHref, Link } from '../../components/link.tsx';
import { formatCount, formatDate, formatDateTime } from '../../lib/format.ts';
import type { Period } from '../../lib/period.ts';

const METRIC_LABEL: Record<string, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES', rating: 'Rating' };

/** The low end of each scale, as the server counts a bad experience. */
function isLow(metric: string, scale: { min: number }, score: number): boolean {
  if (metric === 'nps') return score <= 6;
  if (metric === 'csat') return score <= scale.min + 1;
  if (metric === 'ces') return score <= scale.min + 2;
  return false;
}

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
  const option = useMemo(() => distributionOption(d.counts, (score) => isLow(d.metric, d.scale, score)), [d]);
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

export function AffectedCustomers({ data }: { data: TouchpointFeedback }) {
  return (
    <div data-testid="affected">
      <p>
        <strong data-value={data.affected.customers}>{formatCount(data.affected.customers)}</strong> customers
        had a bad experience here ({data.affected.rule}).
      </p>
      {data.affected.list.length > 0 && (
        <ul class="chips">
          {data.affected.list.map((c) => (
            <li key={c.id}>
              <Link href={customerHref(c.id)}>{c.id}</Link>
              <span class="score-sample">
                {' '}
                {formatDate(c.lastAt)}
                {c.lowResponses > 1 ? `, ${c.lowResponses} low scores` : ''}
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
