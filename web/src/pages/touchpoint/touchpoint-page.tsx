import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function TouchpointPage() {
  return (
    <section>
      <PageHeader title="Touchpoint" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
