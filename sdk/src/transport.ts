import type { HelpReply } from './help-types.ts';
import type { PendingSurvey, Progress } from './types.ts';

/** Thin fetch wrappers; every call is JSON over HTTP to the cxloop server, nothing else. */
export class Transport {
  constructor(
    private readonly host: string,
    private readonly key: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Bearer ${this.key}`;
    const response = await fetch(this.host + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: method === 'POST',
    });
    if (!response.ok) throw new Error(`cxloop: ${method} ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  send(kind: 'events' | 'identify', body: unknown) {
    return this.call('POST', `/v1/sdk/${kind}`, body);
  }

  pending(ids: { customerId?: string; userHash?: string; anonymousId: string }, language: string) {
    const query = new URLSearchParams({ anonymousId: ids.anonymousId, language });
    // The server refuses a customer id without its hash; the anonymous id alone still finds the
    // surveys of this browser's anonymous visits.
    if (ids.customerId && ids.userHash) {
      query.set('customerId', ids.customerId);
      query.set('userHash', ids.userHash);
    }
    return this.call<{ invitations: PendingSurvey[] }>('GET', `/v1/sdk/invitations?${query}`);
  }

  answer(token: string, question: string, value: unknown) {
    return this.call<Progress>('POST', `/s/${token}/answers`, { answers: [{ question, value }] }, false);
  }

  /** The help widget's calls: ask, vote, handoff, ces (the server checks the user hash). */
  answers<T = HelpReply>(call: 'ask' | 'vote' | 'handoff' | 'ces', body: unknown) {
    return this.call<T>('POST', `/v1/sdk/answers/${call}`, body);
  }

  mark(token: string, what: 'shown' | 'dismiss') {
    return this.call('POST', `/s/${token}/${what}`, {}, false);
  }
}
