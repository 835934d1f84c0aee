import type { ComponentChildren } from 'preact';
import type { Loadable } from '../lib/use-resource.ts';

interface Props<T> {
  resource: Loadable<T>;
  /** what is being loaded, for the loading, error and empty messages ("touchpoint scores") */
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}

/** Shows a loaded thing, or its loading, error, empty or not-available-yet state. */
export function ResourceView<T>({ resource, label, isEmpty, empty, children }: Props<T>) {
  switch (resource.state) {
    case 'loading':
      return <Loading label={label} />;
    case 'error':
      return (
        <div class="state state-error" role="alert">
          <p>
            Could not load {label}: {resource.error.message}
          </p>
          {resource.error.details.length > 0 && (
            <ul>
              {resource.error.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={resource.reload}>
            Try again
          </button>
        </div>
      );
    case 'unavailable':
      return <NotAvailable label={label} detail={resource.message} />;
    case 'ready':
      if (isEmpty?.(resource.data)) return <Empty>{empty ?? `No ${label} for this selection.`}</Empty>;
      return <>{children(resource.data)}</>;
  }
}

export function Loading({ label }: { label: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      Loading {label}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status">
      {children}
    </div>
  );
}

/** For features whose API is not on this server yet: say so, never show stand-in numbers. */
export function NotAvailable({ label, detail }: { label: string; detail?: string }) {
  return (
    <div class="state state-unavailable" role="status" data-state="unavailable">
      <p>
        <strong>Not available yet.</strong> This server does not compute {label} yet; the page fills in once
        it does.
      </p>
      {detail && <p class="help">{detail}</p>}
    </div>
  );
}
