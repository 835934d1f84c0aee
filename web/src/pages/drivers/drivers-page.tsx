import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function DriversPage() {
  return (
    <section>
      <PageHeader title="Drivers" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
