/**
 * The one place the dashboard talks HTTP. Requests ride on the session cookie (same origin);
 * every failure becomes an ApiFailure with the server's code and message, and a route the server
 * does not have yet becomes `not_available`, so pages can say so instead of showing numbers.
 */

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | readonly string[]>;

export interface FieldIssue {
  path: string;
  message: string;
  index?: number;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  /** The message with each field problem, for showing to the person who sent the input. */
  get details(): string[] {
    return this.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  }

  get notAvailable(): boolean {
    return this.code === 'not_available';
  }
}

/** Fired when the server no longer knows the session, so the shell can ask for the key again. */
export const SIGNED_OUT_EVENT = 'cxloop:signed-out';

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(name, v);
    else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: FieldIssue[] };
}

async function request<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiFailure(0, 'network', 'the server could not be reached; check that cxloop is running');
  }
  if (res.status === 204) return undefined as T;
  const parsed = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return parsed as T;
  const error = (parsed as ErrorBody | null)?.error;
  const message = error?.message ?? `${res.status} ${res.statusText}`;
  if (res.status === 404 && message.startsWith('no route ')) {
    throw new ApiFailure(404, 'not_available', `(no ${method} ${path.split('?')[0]} on this server)`);
  }
  if (res.status === 401 && path !== '/v1/session') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  throw new ApiFailure(res.status, error?.code ?? 'http_error', message, error?.issues ?? []);
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('POST', path, body, signal),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
