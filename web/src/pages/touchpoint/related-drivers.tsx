import { understand } from '../../api/understand.ts';
import { Link } from '../../components/link.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatShare } from '../../lib/format.ts';
import type { Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ADVICE, QUADRANT_LABEL } from '../drivers/quadrant-labels.ts';

/** How much this touchpoint drives NPS, from the key-driver analysis. */
export function RelatedDrivers({ touchpoint, period }: { touchpoint: string; period: Period }) {
  const answer = useResource((signal) => understand.drivers(period, 'nps', signal), [period.from, period.to]);
  return (
    <ResourceView resource={answer} label="key drivers">
      {(data) => {
        const drivers = data.ok ? data.drivers : [];
        const mine = drivers.find((d) => d.name === touchpoint);
        if (!mine) return <p>This touchpoint is not among the drivers of NPS in this period.</p>;
        return (
          <p data-testid="related-driver">
            Driver number {mine.rank} of {drivers.length} for NPS: it explains {formatShare(mine.lmgShare)} of
            what the model explains (R² = {data.ok ? data.r2.toFixed(3) : ''}),{' '}
            {ADVICE.has(mine.quadrant) ? (
              <>
                and sits in <strong>{QUADRANT_LABEL[mine.quadrant]}</strong>.
              </>
            ) : (
              <>with no quadrant: {mine.evidence}.</>
            )}{' '}
            <Link href={`/drivers?from=${period.from}&to=${period.to}`}>All drivers</Link>
          </p>
        );
      }}
    </ResourceView>
  );
}
