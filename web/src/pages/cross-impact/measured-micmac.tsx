import type { CrossImpactAnswer } from '../../api/understand.ts';
import { Link } from '../../components/link.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';
import { influenceToCsv } from '../../lib/matrix-text.ts';
import { MicmacView } from '../structure/micmac-view.tsx';

/** MICMAC over the influence matrix derived from the data, and a way to take it to the structure page. */
export function MeasuredMicmac({ answer }: { answer: CrossImpactAnswer }) {
  const influence = answer.influence;
  if (!influence) return <NotAvailable label="the influence matrix of the measured effects" />;
  const micmac = influence.micmac;
  const names = new Map(answer.touchpoints.map((t) => [t.id, t.name]));
  const input = {
    variables: influence.input.variables.map((id) => names.get(id) ?? id),
    matrix: influence.input.matrix,
  };
  const openInStructure = () => {
    sessionStorage.setItem('cxloop.influence-matrix', influenceToCsv(input));
  };
  return (
    <>
      <p class="help">
        {influence.rule}{' '}
        <Link href="/structure" onClick={openInStructure}>
          Analyse this matrix on the structure page
        </Link>{' '}
        (MICMAC settings, DEMATEL, CSV download).
      </p>
      {!micmac ? null : 'error' in micmac ? (
        <p class="state state-error">MICMAC could not run on this matrix: {micmac.error}</p>
      ) : 'tooSparse' in micmac ? (
        <p class="state state-empty" data-testid="micmac-too-sparse">
          MICMAC is not drawn: {micmac.tooSparse}. Its ranking of the few linked touchpoints (and any
          &quot;hidden influencer&quot;) would be an artefact of the zeros.
        </p>
      ) : (
        <MicmacView input={input} result={{ ...micmac, variables: input.variables }} />
      )}
    </>
  );
}
