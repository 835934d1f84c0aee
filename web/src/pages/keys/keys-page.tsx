import { useEffect, useState } from 'preact/hooks';
import { keys as keysApi } from '../../api/endpoints.ts';
import { ApiFailure } from '../../api/client.ts';
import type { ApiKey, CreatedApiKey } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * Create, list and revoke the workspace's API keys. A new key is shown here once, right after it
 * is made (the server keeps only its hash); the list shows prefixes.
 */
export function KeysPage() {
  const [list, setList] = useState<ApiKey[] | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    keysApi.list(controller.signal).then(
      (reply) => setList(reply.keys),
      (failure: unknown) => {
        if (!controller.signal.aborted)
          setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof ApiFailure || failure instanceof Error ? failure.message : String(failure));
    }
    setAttempt((n) => n + 1);
  };

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Keys"
        intro="The ingest key only sends data (safe in a web page); a secret key opens everything. A key is shown once, when it is made."
      >
        <button type="button" onClick={() => act(async () => setCreated(await keysApi.create('ingest')))}>
          New ingest key
        </button>
        <button type="button" onClick={() => act(async () => setCreated(await keysApi.create('secret')))}>
          New secret key
        </button>
      </PageHeader>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {created && (
        <div role="status" data-testid="new-key">
          <p>
            New {created.kind} key (copy it now: it is not shown again): <code>{created.key}</code>
          </p>
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {list === null ? (
        !error && <p>Loading…</p>
      ) : (
        <table data-testid="keys-table">
          <thead>
            <tr>
              <th scope="col">Prefix</th>
              <th scope="col">Kind</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((k) => (
              <tr key={k.id}>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{k.kind}</td>
                <td>{when(k.createdAt)}</td>
                <td>{k.revokedAt === null ? 'live' : `revoked ${when(k.revokedAt)}`}</td>
                <td>
                  {k.revokedAt === null && (
                    <button
                      type="button"
                      aria-label={`Revoke ${k.prefix}`}
                      onClick={() => act(() => keysApi.revoke(k.id))}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
