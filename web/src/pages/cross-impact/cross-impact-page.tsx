import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function CrossImpactPage() {
  return (
    <section>
      <PageHeader title="Cross-impact" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
