import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { takeHeadingFocus } from '../lib/url-state.ts';

/** The page's heading (also the document title) with an optional line and controls beneath. */
export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · cxloop`;
  }, [title]);
  useEffect(() => {
    if (takeHeadingFocus()) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header class="page-header">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {intro && <p class="intro">{intro}</p>}
      {children && <div class="controls">{children}</div>}
    </header>
  );
}
