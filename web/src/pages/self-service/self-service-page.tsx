import { answersReport, type AnswersShare } from '../../api/endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatShare } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

/** A rate with its n and Wilson 95 % interval, or a dash with "no votes" when nothing was counted. */
function Rate({ share, of }: { share: AnswersShare; of: string }) {
  if (share.n === 0) return <span>– (no {of})</span>;
  return (
    <span>
      {formatShare(share.rate)}{' '}
      <span class="score-sample">
        {formatCount(share.successes)} of {formatCount(share.n)} {of}; 95 % {formatShare(share.low)} to{' '}
        {formatShare(share.high)}
      </span>
    </span>
  );
}

/**
 * Self-service (the help widget) over the last 30 days: deflection with its population, answer
 * success by intent and by article, the unanswered questions grouped (what to write next), and
 * the CES after self-service. Every number says what it counts.
 */
export function SelfServicePage() {
  const found = useResource((signal) => answersReport(signal), []);
  return (
    <section>
      <PageHeader
        title="Self-service answers"
        intro="What the help widget answered, whether it helped, and whether customers still needed a person."
      />
      <ResourceView
        resource={found}
        label="the self-service report"
        isEmpty={(r) => r.byIntent.length === 0 && r.deflection.pending === 0 && r.deflection.anonymous === 0}
        empty="Nobody has asked the help widget anything in the last 30 days. Apply a knowledge base (cxloop answers apply DIR) and add the widget to the shop (docs/answers.md)."
      >
        {(r) => (
          <>
            <h2>
              Deflection, {r.period.from} to {r.period.to} (exclusive)
            </h2>
            <p data-testid="deflection">
              <Rate share={r.deflection.rate} of="conversations" />
            </p>
            <p class="score-sample">
              Counts {r.deflection.population}. Not counted: {formatCount(r.deflection.pending)} younger than
              72 hours, {formatCount(r.deflection.anonymous)} of anonymous visitors.
            </p>
            <h2>Answer success by intent</h2>
            <p class="score-sample">Helped = “yes” votes among the votes on that intent’s answers.</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">intent</th>
                  <th scope="col">questions</th>
                  <th scope="col">helped</th>
                </tr>
              </thead>
              <tbody>
                {r.byIntent.map((i) => (
                  <tr key={i.intent}>
                    <td>{i.intent}</td>
                    <td>{formatCount(i.asked)}</td>
                    <td>
                      <Rate share={i.helped} of="votes" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>Articles given as the answer</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">article</th>
                  <th scope="col">shown</th>
                  <th scope="col">helped</th>
                </tr>
              </thead>
              <tbody>
                {r.byArticle.map((a) => (
                  <tr key={a.article}>
                    <td>{a.article}</td>
                    <td>{formatCount(a.shown)}</td>
                    <td>
                      <Rate share={a.helped} of="votes" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>Unanswered or not helped: what to write next</h2>
            <p class="score-sample">
              Questions with no answer found or voted “no”, grouped by their most shared word.
            </p>
            <ul>
              {r.unanswered.map((u) => (
                <li key={u.term}>
                  <strong>{u.term}</strong>: {formatCount(u.questions)} questions, e.g.{' '}
                  {u.examples.map((e) => `“${e}”`).join(', ')}
                </li>
              ))}
            </ul>
            <h2>Effort after self-service (CES)</h2>
            <p>
              {r.ces.n === 0 ? (
                'No CES answers yet.'
              ) : (
                <>
                  mean {r.ces.mean?.toFixed(2)} on 1-7 (n = {formatCount(r.ces.n)}); easy:{' '}
                  <Rate share={r.ces.easy} of="answers" />
                </>
              )}
            </p>
            <p class="score-sample">Counts {r.ces.population}.</p>
          </>
        )}
      </ResourceView>
    </section>
  );
}
