import { useEffect, useState } from 'preact/hooks';
import { http } from '../api/client.ts';

// The server's own list of endpoints, read once: a form whose endpoint has not landed yet says so
// before anyone fills it in.
let pending: Promise<Set<string>> | null = null;

function loadPaths(): Promise<Set<string>> {
  pending ??= http
    .get<{ paths: Record<string, unknown> }>('/openapi.json')
    .then((doc) => new Set(Object.keys(doc.paths)))
    .catch(() => {
      pending = null;
      return new Set<string>();
    });
  return pending;
}

/** Whether the server offers `path` (as written in /openapi.json); undefined until known. */
export function useApiHas(path: string): boolean | undefined {
  const [has, setHas] = useState<boolean>();
  useEffect(() => {
    let live = true;
    loadPaths().then((paths) => live && setHas(paths.size === 0 || paths.has(path)));
    return () => {
      live = false;
    };
  }, [path]);
  return has;
}
