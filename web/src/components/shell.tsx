import type { ComponentChildren } from 'preact';
import { NAV } from '../routes.ts';
import { Link } from './link.tsx';

/** Filters that mean the same on every page travel along when moving between pages. */
const SHARED_PARAMS = ['from', 'to'];

function navHref(href: string): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const name of SHARED_PARAMS) {
    const value = current.get(name);
    if (value) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `${href}?${text}` : href;
}

const isCurrent = (href: string, path: string) =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function Shell({
  path,
  workspace,
  allowed,
  person,
  onSignOut,
  banner,
  children,
}: {
  path: string;
  workspace: string;
  /** The operations the signed-in role may call: pages that need another are not listed. */
  allowed: readonly string[];
  /** The signed-in person's email and role, with a link to their account; null for a key. */
  person: { email: string; role: string } | null;
  onSignOut: () => void;
  /** Shown above every page (the background load's progress). */
  banner?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <Link class="brand" href={navHref('/')}>
          cxloop
        </Link>
        <span class="workspace" title="workspace">
          {workspace}
        </span>
        {person && (
          <Link class="account-link" href="/account">
            {person.email} ({person.role})
          </Link>
        )}
        <button type="button" class="sign-out" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav class="app-nav" aria-label="Pages">
        <ul>
          {NAV.filter((item) => allowed.includes(item.needs)).map((item) => (
            <li key={item.href}>
              <Link href={navHref(item.href)} aria-current={isCurrent(item.href, path) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="app-main">
        {banner}
        {children}
      </main>
    </>
  );
}
