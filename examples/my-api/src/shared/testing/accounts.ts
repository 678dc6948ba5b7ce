import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';

/** The identity context's refresh cookie, as a browser would store it. */
const REFRESH_COOKIE = '__Secure-refresh_token';

export interface TestAccount {
  readonly email: string;
  readonly password: string;
  readonly userId: string;
  readonly accessToken: string;
  /** The `__Secure-refresh_token=…` pair, ready for a Cookie header. */
  readonly refreshCookie: string;
}

export function uniqueEmail(): string {
  return `user-${randomUUID()}@example.com`;
}

export function refreshCookieOf(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((value) => value.startsWith(`${REFRESH_COOKIE}=`));
  if (cookie === undefined) throw new Error(`no refresh cookie in response ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

/** Registers and logs in a new user through the real routes. */
export async function signUp(app: Express, email = uniqueEmail()): Promise<TestAccount> {
  const password = 'correct horse battery staple';
  const registered = await request(app).post('/api/v1/auth/register').send({ email, password }).expect(201);
  const login = await request(app).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return {
    email,
    password,
    userId: String(registered.body.user.id),
    accessToken: String(login.body.accessToken),
    refreshCookie: refreshCookieOf(login),
  };
}
