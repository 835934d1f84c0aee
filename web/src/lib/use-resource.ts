import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api/client.ts';

/** What a page knows about one thing it loads. */
export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'error'; error: ApiFailure }
  | { state: 'unavailable'; message: string };

export type Loadable<T> = Resource<T> & { reload: () => void };

function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, 'client', String(error));
}

/**
 * Loads with `load` whenever `deps` change (aborting the previous request), and tells the page
 * which of loading, ready, error or not-available-yet it is in.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Loadable<T> {
  const [attempt, setAttempt] = useState(0);
  // Each answer remembers what it was loaded for, so a render between a change of `deps` and the
  // new request says "loading" instead of showing the previous selection's numbers as current.
  const key = JSON.stringify([...deps, attempt]);
  const [resource, setResource] = useState<Resource<T> & { key: string }>({ state: 'loading', key });
  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading', key });
    load(controller.signal).then(
      (data) => controller.signal.aborted || setResource({ state: 'ready', data, key }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = asFailure(error);
        setResource(
          failure.notAvailable
            ? { state: 'unavailable', message: failure.message, key }
            : { state: 'error', error: failure, key },
        );
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; the caller names what it depends on.
  }, [key]);
  const reload = () => setAttempt((n) => n + 1);
  return resource.key === key ? { ...resource, reload } : { state: 'loading', reload };
}

/** The data when ready, else undefined: for parts of a page that are optional extras. */
export function dataOf<T>(resource: Resource<T>): T | undefined {
  return resource.state === 'ready' ? resource.data : undefined;
}
