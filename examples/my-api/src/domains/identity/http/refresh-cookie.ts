import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/**
 * `__Secure-`: browsers accept the cookie only with `Secure`, from a secure origin (https, or http on localhost), so
 * no plain-http page or network attacker can plant one. (`__Host-` would also need `Path=/`, and this cookie is
 * sent to the auth routes only.)
 */
export const REFRESH_COOKIE_NAME = '__Secure-refresh_token';
const COOKIE_PATH = '/api/v1/auth';

/** The OpenAPI security scheme of the routes that read the cookie. */
export const REFRESH_COOKIE_SCHEME = 'refreshCookie';
export const REFRESH_COOKIE_SECURITY = { type: 'apiKey', in: 'cookie', name: REFRESH_COOKIE_NAME } as const;

/** Sent only to the auth routes, over TLS, never readable by scripts, never sent cross-site. */
const OPTIONS: CookieOptions = { httpOnly: true, sameSite: 'strict', secure: true, path: COOKIE_PATH };

export function setRefreshCookie(res: Response, token: string, ttlSeconds: number): void {
  res.cookie(REFRESH_COOKIE_NAME, token, { ...OPTIONS, maxAge: ttlSeconds * 1000 });
}

export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE_NAME, OPTIONS);
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parse(header)[REFRESH_COOKIE_NAME];
}
