import { NotAvailable } from '../../components/resource-view.tsx';
import type { Period } from '../../lib/period.ts';

/** "If we lift touchpoint X by d points, what happens to the outcome?" */
export function WhatIfPanel(_props: { period: Period }) {
  return <NotAvailable label="what-if estimates" />;
}
