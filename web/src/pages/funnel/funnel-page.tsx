import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function FunnelPage() {
  return (
    <section>
      <PageHeader title="Funnel" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
