import { useEffect, useState } from 'preact/hooks';

/**
 * The address bar holds the view: the path picks the page and the query holds its filters, so a
 * view can be bookmarked and shared. Pages read and write it through these hooks only.
 */

const CHANGE = 'cxloop:navigate';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

// After moving to another page its heading takes the focus, so keyboard and screen-reader users
// start at the top of the new page; filter changes on the same page leave the focus alone.
let focusNextHeading = false;

/** True once after each move to another page (read by the page heading when it mounts). */
export function takeHeadingFocus(): boolean {
  const take = focusNextHeading;
  focusNextHeading = false;
  return take;
}

window.addEventListener('popstate', () => (focusNextHeading = true));

export function navigate(href: string, { replace = false } = {}): void {
  if (new URL(href, window.location.href).pathname !== window.location.pathname) focusNextHeading = true;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}

/** The href of the current page with some query parameters changed (null or '' removes one). */
export function hrefWith(changes: Record<string, string | null>): string {
  const query = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') query.delete(name);
    else query.set(name, value);
  }
  const text = query.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}

/** One query parameter as state: reading falls back to `fallback`, writing updates the address. */
export function useQueryParam(name: string, fallback: string): [string, (value: string | null) => void] {
  const { query } = useLocation();
  const value = query.get(name) ?? fallback;
  return [
    value,
    // pushed, not replaced: Back undoes a filter change instead of leaving the app
    (next) => navigate(hrefWith({ [name]: next === fallback ? null : next })),
  ];
}

/** One query parameter restricted to a set of values. */
export function useQueryChoice<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T,
): [T, (value: T) => void] {
  const [raw, set] = useQueryParam(name, fallback);
  const value = (choices as readonly string[]).includes(raw) ? (raw as T) : fallback;
  return [value, set];
}

/** Matches `/touchpoints/:id` style patterns; returns the decoded parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}
