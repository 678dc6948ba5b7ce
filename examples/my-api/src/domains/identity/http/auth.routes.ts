import type { RequestHandler, Response } from 'express';
import { ApiRouter } from '../../../shared/http/api-router';
import { clientOf } from '../../../shared/http/client-address';
import { limitFailures } from '../../../shared/http/failure-budget';
import { rateLimit, spendPoint } from '../../../shared/http/rate-limit';
import type { ChangePassword } from '../application/change-password.use-case';
import type { GetCurrentUser } from '../application/get-current-user.use-case';
import type { LogIn } from '../application/log-in.use-case';
import type { RegisterUser } from '../application/register-user.use-case';
import type { Session, Sessions } from '../application/sessions';
import { InvalidCredentialsError, InvalidRefreshTokenError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';
import { type AuthLimiters, loginBudgets } from './auth-budgets';
import { changePasswordBody, credentialsBody, sessionBody, userBody } from './auth.schemas';
import {
  clearRefreshCookie,
  readRefreshCookie,
  REFRESH_COOKIE_NAME,
  REFRESH_COOKIE_SCHEME,
  setRefreshCookie,
} from './refresh-cookie';
import { toUserResponse } from './user-response';

export interface AuthRouteDependencies {
  readonly registerUser: RegisterUser;
  readonly logIn: LogIn;
  readonly changePassword: ChangePassword;
  readonly sessions: Sessions;
  readonly getCurrentUser: GetCurrentUser;
  readonly authenticate: RequestHandler;
  readonly limiters: AuthLimiters;
}

/** Tokens must not be stored by browsers or proxies. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

const SETS_REFRESH_COOKIE = {
  'Set-Cookie': `The refresh token (${REFRESH_COOKIE_NAME}: Secure, HttpOnly, SameSite=Strict, path /api/v1/auth)`,
};
const CLEARS_REFRESH_COOKIE = { 'Set-Cookie': 'Clears the refresh cookie' };

export function createAuthRouter(deps: AuthRouteDependencies): ApiRouter {
  const api = new ApiRouter({ tag: 'auth', authenticate: deps.authenticate });
  api.router.use(noStore);

  const sendSession = (res: Response, session: Session, user?: User): void => {
    setRefreshCookie(res, session.refreshToken, session.refreshTtlSeconds);
    res.json({
      accessToken: session.accessToken,
      tokenType: 'Bearer',
      expiresIn: session.expiresIn,
      ...(user === undefined ? {} : { user: toUserResponse(user) }),
    });
  };

  api.route(
    {
      method: 'post',
      path: '/register',
      operationId: 'register',
      summary: 'Create an account',
      before: [rateLimit(deps.limiters.registrationsPerIp)],
      body: credentialsBody,
      responses: { 201: { description: 'The new account', body: userBody } },
      problems: [409, 503],
    },
    async ({ body }, _req, res) => {
      const user = await deps.registerUser.execute(body);
      res.status(201).json({ user: toUserResponse(user) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/login',
      operationId: 'logIn',
      summary: 'Exchange credentials for an access token and a refresh cookie',
      description: 'Failed attempts are limited per account and address, per address and per account.',
      body: credentialsBody,
      responses: { 200: { description: 'Logged in', body: sessionBody, headers: SETS_REFRESH_COOKIE } },
      // `account_changed`: the account kept changing while the password was checked.
      problems: [401, 409, 503],
    },
    async ({ body }, req, res) => {
      const { user, session } = await limitFailures(
        loginBudgets(deps.limiters, body.email, clientOf(req)),
        res,
        () => deps.logIn.execute(body),
        (error) => error instanceof InvalidCredentialsError,
      );
      sendSession(res, session, user);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/refresh',
      operationId: 'refreshSession',
      summary: 'Rotate the refresh cookie for a new access token',
      description:
        'A refresh token is single-use: replaying one ends its whole session. The token just replaced still answers ' +
        'for a few seconds (REFRESH_REUSE_GRACE_SECONDS), with the token that replaced it: two tabs, or a retry, ' +
        'do not log the user out.',
      security: [REFRESH_COOKIE_SCHEME],
      responses: { 200: { description: 'A new access token', body: sessionBody, headers: SETS_REFRESH_COOKIE } },
      problems: [401, 503],
    },
    async (_input, req, res) => {
      const refreshToken = readRefreshCookie(req);
      if (refreshToken === undefined) throw new InvalidRefreshTokenError();
      try {
        const claims = await deps.sessions.verify(refreshToken);
        // Per session, keyed on a verified token: a forged one cannot spend someone else's budget.
        await spendPoint(deps.limiters.refreshesPerSession, claims.familyId, res);
        sendSession(res, await deps.sessions.refresh(claims));
      } catch (error) {
        if (error instanceof InvalidRefreshTokenError) clearRefreshCookie(res);
        throw error;
      }
    },
  );

  api.route(
    {
      method: 'post',
      path: '/logout',
      operationId: 'logOut',
      summary: 'End this session',
      auth: 'bearer',
      responses: { 204: { description: 'Logged out', headers: CLEARS_REFRESH_COOKIE } },
      // `sessions_unavailable`: the access tokens are refused here, but the refresh token could not be revoked.
      problems: [503],
    },
    async ({ principal }, _req, res) => {
      await deps.sessions.end(principal.userId, principal.sessionId);
      clearRefreshCookie(res);
      res.status(204).end();
    },
  );

  api.route(
    {
      method: 'post',
      path: '/password',
      operationId: 'changePassword',
      summary: 'Change the password; every session ends, this one included',
      auth: 'bearer',
      body: changePasswordBody,
      responses: { 204: { description: 'Changed', headers: CLEARS_REFRESH_COOKIE } },
      // `user_changed`: other changes of the account kept winning the race; nothing was changed.
      problems: [409, 503],
    },
    async ({ principal, body }, _req, res) => {
      // Per account: whoever holds a stolen access token cannot guess the current password at length.
      await spendPoint(deps.limiters.passwordChangesPerAccount, principal.userId, res);
      await deps.changePassword.execute(principal.userId, body);
      clearRefreshCookie(res);
      res.status(204).end();
    },
  );

  api.route(
    {
      method: 'get',
      path: '/me',
      operationId: 'getCurrentUser',
      summary: 'The account of the access token',
      auth: 'bearer',
      responses: { 200: { description: 'The account', body: userBody } },
    },
    async ({ principal }, _req, res) => {
      const user = await deps.getCurrentUser.execute(principal.userId);
      res.json({ user: toUserResponse(user) });
    },
  );

  return api;
}
