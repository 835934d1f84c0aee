import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

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
  useEffect(() => {
    document.title = `${title} · cxloop`;
  }, [title]);
  return (
    <header class="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {intro && <p class="intro">{intro}</p>}
      {children && <div class="controls">{children}</div>}
    </header>
  );
}
