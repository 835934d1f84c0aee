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
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading' });
    load(controller.signal).then(
      (data) => controller.signal.aborted || setResource({ state: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = asFailure(error);
        setResource(
          failure.notAvailable
            ? { state: 'unavailable', message: failure.message }
            : { state: 'error', error: failure },
        );
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; the caller names what it depends on.
  }, [...deps, attempt]);
  return { ...resource, reload: () => setAttempt((n) => n + 1) };
}

/** The data when ready, else undefined: for parts of a page that are optional extras. */
export function dataOf<T>(resource: Resource<T>): T | undefined {
  return resource.state === 'ready' ? resource.data : undefined;
}
