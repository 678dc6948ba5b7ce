import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

const COOKIE_NAME = 'refresh_token';
/** Sent only to the auth routes, never readable by scripts, never sent cross-site. */
const COOKIE_PATH = '/api/v1/auth';

/** The OpenAPI security scheme of the routes that read the cookie. */
export const REFRESH_COOKIE_SCHEME = 'refreshCookie';
export const REFRESH_COOKIE_SECURITY = { type: 'apiKey', in: 'cookie', name: COOKIE_NAME } as const;

function options(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH };
}

export function setRefreshCookie(res: Response, token: string, ttlSeconds: number, secure: boolean): void {
  res.cookie(COOKIE_NAME, token, { ...options(secure), maxAge: ttlSeconds * 1000 });
}

export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.clearCookie(COOKIE_NAME, options(secure));
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parse(header)[COOKIE_NAME];
}
