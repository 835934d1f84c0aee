import { createHmac, randomBytes } from 'node:crypto';
import { readToken, signToken, verifySignature, type TokenClaims } from '../../core/surveys/token.ts';
import { verifyUserHash } from '../../core/surveys/user-hash.ts';
import type { Store } from '../../platform/store/port.ts';
import { row, text } from '../../platform/store/rows.ts';
import { surveyError } from './errors.ts';

const secretRow = row({ secret: text });

/**
 * The identity-verification secret is derived from the workspace's link secret under this label,
 * so it needs no table of its own and a leaked user hash says nothing about link signatures.
 */
const IDENTITY_LABEL = 'cxloop identity verification v1';

/**
 * Signs and checks survey links with each workspace's own secret, made on first use and kept in
 * the database sealed with the store's at-rest key (Store.sealer), which is not in the database.
 */
export class LinkTokens {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly store: Store) {}

  private async secret(workspaceId: string): Promise<string | null> {
    return this.secrets.get(workspaceId) ?? (await this.lookup(workspaceId));
  }

  private async lookup(workspaceId: string): Promise<string | null> {
    const [row] = await this.store.readRows(
      secretRow,
      'SELECT secret FROM survey_secrets WHERE workspace_id = $1',
      [workspaceId],
    );
    if (!row) return null;
    const sealer = this.store.sealer;
    let secret = row.secret;
    if (sealer?.isSealed(secret)) secret = sealer.open(secret);
    else if (sealer) await this.reseal(workspaceId, secret);
    this.secrets.set(workspaceId, secret);
    return secret;
  }

  /**
   * A secret stored in plain text (before sealing existed) is stored again sealed: the same
   * secret, so every link already sent stays valid. The WHERE makes a concurrent reseal harmless.
   */
  private async reseal(workspaceId: string, plain: string) {
    await this.store.write([
      {
        sql: 'UPDATE survey_secrets SET secret = $3 WHERE workspace_id = $1 AND secret = $2',
        params: [workspaceId, plain, this.store.sealer!.seal(plain)],
      },
    ]);
  }

  /** Seals every workspace's plain-text secret now (at server start), not only on its next use. */
  async sealStoredSecrets(): Promise<number> {
    if (!this.store.sealer) return 0;
    const rows = await this.store.readRows(
      row({ workspace_id: text, secret: text }),
      'SELECT workspace_id, secret FROM survey_secrets',
    );
    const plain = rows.filter((r) => !this.store.sealer!.isSealed(r.secret));
    for (const r of plain) await this.reseal(r.workspace_id, r.secret);
    return plain.length;
  }

  private async ensureSecret(workspaceId: string, now: number): Promise<string> {
    const secret = await this.secret(workspaceId);
    if (secret) return secret;
    // Two first uses at once both insert; the first wins and both read it back.
    await this.store.write([
      {
        sql: 'INSERT INTO survey_secrets VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        params: [workspaceId, this.sealed(randomBytes(32).toString('base64url')), new Date(now)],
      },
    ]);
    return (await this.lookup(workspaceId))!;
  }

  private sealed(secret: string): string {
    return this.store.sealer ? this.store.sealer.seal(secret) : secret;
  }

  async sign(claims: TokenClaims, now: number): Promise<string> {
    return signToken(claims, await this.ensureSecret(claims.workspace, now));
  }

  /** The secret a site's backend signs its customers' ids with for the in-page widget (`userHash`). */
  async identitySecret(workspaceId: string, now: number): Promise<string> {
    const secret = await this.ensureSecret(workspaceId, now);
    return createHmac('sha256', secret).update(IDENTITY_LABEL).digest('base64url');
  }

  /** Whether `hash` is the workspace's user hash of `customerId` (false when either is missing). */
  async verifyUserHash(workspaceId: string, customerId: string, hash: string | undefined, now: number) {
    if (!hash) return false;
    return verifyUserHash(customerId, hash, await this.identitySecret(workspaceId, now));
  }

  /**
   * The claims of a genuine token. `expiry: false` accepts an expired one (unsubscribing must
   * work on an old email). A token of another workspace is refused when `workspaceId` is given.
   */
  async verify(
    token: string,
    now: number,
    options: { workspaceId?: string; expiry?: boolean } = {},
  ): Promise<TokenClaims> {
    const claims = readToken(token);
    const secret = claims ? await this.secret(claims.workspace) : null;
    if (!claims || !secret || !verifySignature(token, secret))
      throw surveyError('invalid_token', 'this survey link is not valid');
    if (options.workspaceId !== undefined && claims.workspace !== options.workspaceId)
      throw surveyError('wrong_workspace', 'this survey link belongs to another workspace');
    if (options.expiry !== false && now >= claims.expires)
      throw surveyError('token_expired', 'this survey link has expired');
    return claims;
  }
}
