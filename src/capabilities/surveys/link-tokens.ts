import { randomBytes } from 'node:crypto';
import { readToken, signToken, verifySignature, type TokenClaims } from '../../core/surveys/token.ts';
import type { Store } from '../../platform/store/port.ts';
import { row, text } from '../../platform/store/rows.ts';

const secretRow = row({ secret: text });
import { surveyError } from './errors.ts';

/** Signs and checks survey links with each workspace's own secret, made on first use and kept in the database. */
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
    if (row) this.secrets.set(workspaceId, row.secret);
    return row?.secret ?? null;
  }

  async sign(claims: TokenClaims, now: number): Promise<string> {
    let secret = await this.secret(claims.workspace);
    if (!secret) {
      // Two first uses at once both insert; the first wins and both read it back.
      await this.store.write([
        {
          sql: 'INSERT INTO survey_secrets VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          params: [claims.workspace, randomBytes(32).toString('base64url'), new Date(now)],
        },
      ]);
      secret = (await this.lookup(claims.workspace))!;
    }
    return signToken(claims, secret);
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
