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

export function createAuthenticate(accessTokens: Pick<AccessTokenService, 'verify'>): RequestHandler {
  return async (req, _res, next) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (match?.[1] === undefined) throw new UnauthorizedError('Missing bearer access token', 'missing_token');
    req.principal = await accessTokens.verify(match[1]);
    next();
  };
}

/** The authenticated principal, for routes behind `authenticate`. */
export function requirePrincipal(req: Request): Principal {
  if (req.principal === undefined) throw new UnauthorizedError();
  return req.principal;
}
