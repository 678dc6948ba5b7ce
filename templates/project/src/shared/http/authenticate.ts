import type { Request, RequestHandler } from 'express';
import type { AccessTokenService, Principal } from '../auth/access-tokens';
import { UnauthorizedError } from '../kernel/domain-error';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` once the bearer token is verified. */
    principal?: Principal;
  }
}

const BEARER = /^Bearer ([\w.~+/-]+=*)$/i;

/**
 * 401 unless the request carries a live access token. What it answers is one user's: shared caches must not keep
 * it, and a browser must ask again (an ETag makes that cheap) — unless the route already said `no-store`.
 */
export function createAuthenticate(accessTokens: Pick<AccessTokenService, 'verify'>): RequestHandler {
  return async (req, res, next) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (match?.[1] === undefined) throw new UnauthorizedError('Missing bearer access token', 'missing_token');
    req.principal = await accessTokens.verify(match[1]);
    if (res.get('Cache-Control') === undefined) res.set('Cache-Control', 'private, no-cache');
    next();
  };
}

/** The authenticated principal, for routes behind `authenticate`. */
export function requirePrincipal(req: Request): Principal {
  if (req.principal === undefined) throw new UnauthorizedError();
  return req.principal;
}
