import { Link } from '../../components/link.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { hrefWith, useQueryChoice } from '../../lib/url-state.ts';
import { CibPanel } from './cib-panel.tsx';
import { InfluencePanel } from './influence-panel.tsx';

const TABS = [
  { id: 'micmac', label: 'MICMAC' },
  { id: 'dematel', label: 'DEMATEL' },
  { id: 'cib', label: 'Scenarios (CIB)' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** Structural analysis of an influence matrix: an expert workshop's, or one measured from data. */
export function StructurePage() {
  const [tab] = useQueryChoice<Tab>(
    'tab',
    TABS.map((t) => t.id),
    'micmac',
  );
  return (
    <section>
      <PageHeader
        title="Structural analysis"
        intro="Which touchpoints drive the journey and which only reflect it, including influence that travels through chains of other touchpoints, and which combinations of states are consistent."
      />
      <nav class="tabs" aria-label="Analyses">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={hrefWith({ tab: t.id === 'micmac' ? null : t.id })}
            aria-current={t.id === tab ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'cib' ? <CibPanel /> : <InfluencePanel analysis={tab} />}
    </section>
  );
}
