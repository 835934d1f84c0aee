import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../lib/url-state.ts';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

/** An ordinary link that changes page without reloading (modified clicks still open new tabs). */
export function Link({ href, children, onClick: before, ...rest }: Props) {
  const onClick = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    before?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    window.scrollTo(0, 0);
  };
  return (
    <a href={href} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}

/** The current window and metric travel with a link to a touchpoint, so its page shows the same view. */
function keep(names: readonly string[]): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const name of names) {
    const value = current.get(name);
    if (value) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

export const touchpointHref = (id: string) =>
  `/touchpoints/${encodeURIComponent(id)}${keep(['from', 'to', 'metric'])}`;
export const customerHref = (id: string) => `/customers/${encodeURIComponent(id)}`;
