import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './resource-view.tsx';

/**
 * A page whose code is fetched the first time it is shown, so the first page stays small and the
 * chart library comes only with the pages that draw charts.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (component) => {
          loaded = component;
          setReady(true);
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) {
      return (
        <div class="state state-error" role="alert">
          <p>This page could not be loaded; the dashboard may have been updated.</p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      );
    }
    const Page = loaded;
    return Page ? <Page {...props} /> : <Loading label="the page" />;
  };
}
