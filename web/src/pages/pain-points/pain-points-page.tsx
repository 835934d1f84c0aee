import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function PainPointsPage() {
  return (
    <section>
      <PageHeader title="Pain points" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
