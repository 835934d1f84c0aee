import { useEffect, useState } from 'preact/hooks';
import { searchCustomers } from '../../api/endpoints.ts';
import { customerHref, Link } from '../../components/link.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDate } from '../../lib/format.ts';
import { dataOf, useResource } from '../../lib/use-resource.ts';
import { navigate, useLocation } from '../../lib/url-state.ts';
import type { PageProps } from '../../routes.ts';
import { Timeline } from './timeline.tsx';
import { DataRequests } from './data-requests.tsx';

/** Find a customer and read their journey: events, feedback and survey invitations in time order. */
export function CustomerPage({ params }: PageProps) {
  const id = params.id ?? '';
  const q = useLocation().query.get('q') ?? '';
  const [draft, setDraft] = useState(q || id);
  return (
    <section>
      <PageHeader
        title={id ? `Customer ${id}` : 'Customers'}
        intro="Everything one customer did and said, across every touchpoint."
      />
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (text) navigate(`/customers?q=${encodeURIComponent(text)}`);
        }}
      >
        <label for="customer-query">Customer ID, e-mail or name</label>
        <input
          id="customer-query"
          name="q"
          type="search"
          value={draft}
          placeholder="for example demo-c-1, or part of an e-mail address"
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Find</button>
      </form>
      {id ? (
        <>
          <Timeline key={id} customerId={id} />
          <DataRequests key={`requests-${id}`} customerId={id} />
        </>
      ) : q ? (
        <Matches q={q} />
      ) : (
        <p class="help">
          Search by the ID your systems send as <code>customerId</code> (<code>userId</code> in Segment
          calls), or by part of an e-mail address or name. Customers are also linked from each touchpoint's
          page.
        </p>
      )}
    </section>
  );
}

function Matches({ q }: { q: string }) {
  const found = useResource((signal) => searchCustomers(q, signal), [q]);
  // An exact customer id opens the profile: the list would hold one obvious choice. Replace, so Back
  // returns to where the search started rather than to this redirect.
  const exact = dataOf(found)?.customers.find((c) => c.id === q.trim());
  useEffect(() => {
    if (exact) navigate(customerHref(exact.id), { replace: true });
  }, [exact?.id]);
  return (
    <ResourceView
      resource={found}
      label="customers"
      isEmpty={(r) => r.customers.length === 0}
      empty={`No customer matches “${q}”.`}
    >
      {(data) => (
        <ul class="matches" data-testid="customer-matches">
          {data.customers.map((c) => (
            <li key={c.id}>
              <Link href={customerHref(c.id)}>{c.id}</Link>
              {c.name && ` · ${c.name}`}
              {c.email && <span class="score-sample"> · {c.email}</span>}
              {c.lastSeen !== null && <span class="score-sample"> · last seen {formatDate(c.lastSeen)}</span>}
            </li>
          ))}
        </ul>
      )}
    </ResourceView>
  );
}
