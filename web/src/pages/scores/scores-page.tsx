import { PageHeader } from '../../components/page-header.tsx';
import { NotAvailable } from '../../components/resource-view.tsx';

export function ScoresPage() {
  return (
    <section>
      <PageHeader title="Scores" />
      <NotAvailable label="this page's analysis" />
    </section>
  );
}
