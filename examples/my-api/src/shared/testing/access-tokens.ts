import { AccessTokens } from '../auth/access-tokens';
import { InMemoryRevocationList } from '../auth/revocation-list';

/** Access tokens of one minute on a revocation list in memory, for the tests of what issues and ends sessions. */
export function testAccessTokens(): AccessTokens {
  const accessSecret = new TextEncoder().encode('access-secret-that-is-long-enough-for-hs256');
  const settings = { accessSecret, issuer: 'api', audience: 'api', clientId: 'first-party', accessTtlSeconds: 60 };
  return new AccessTokens({ ...settings, failClosedRoles: [] }, new InMemoryRevocationList());
}
