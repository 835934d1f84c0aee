import { NotAvailable } from '../../components/resource-view.tsx';
import type { Period } from '../../lib/period.ts';

/** How much this touchpoint drives the outcomes, from the key-driver analysis. */
export function RelatedDrivers(_props: { touchpoint: string; period: Period }) {
  return <NotAvailable label="key drivers" />;
}
