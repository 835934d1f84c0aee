import { useState } from 'preact/hooks';
import { customerHref } from '../../components/link.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { navigate } from '../../lib/url-state.ts';
import type { PageProps } from '../../routes.ts';
import { Timeline } from './timeline.tsx';

/** Look a customer up and read their journey: events, feedback and survey invitations in time order. */
export function CustomerPage({ params }: PageProps) {
  const id = params.id ?? '';
  const [draft, setDraft] = useState(id);
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
          if (draft.trim()) navigate(customerHref(draft.trim()));
        }}
      >
        <label for="customer-id">Customer ID</label>
        <input
          id="customer-id"
          name="customer"
          type="search"
          value={draft}
          placeholder="for example demo-c-1"
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Show timeline</button>
      </form>
      {id ? (
        <Timeline key={id} customerId={id} />
      ) : (
        <p class="help">
          Enter the ID your systems send as <code>customerId</code> (or <code>userId</code> in Segment calls).
          Customer IDs are also linked from touchpoint pages.
        </p>
      )}
    </section>
  );
}
