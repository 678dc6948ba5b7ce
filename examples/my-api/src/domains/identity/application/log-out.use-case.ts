import type { AccessTokens, Principal } from '../../../shared/auth/access-tokens';
import type { Sessions } from './sessions';

export class LogOut {
  constructor(
    private readonly accessTokens: Pick<AccessTokens, 'revoke'>,
    private readonly sessions: Sessions,
  ) {}

  /** The access token stops working at once; the refresh token's family, when given, is revoked. */
  async execute(principal: Principal, refreshToken: string | undefined): Promise<void> {
    await this.accessTokens.revoke(principal);
    if (refreshToken !== undefined) await this.sessions.end(refreshToken);
  }
}
