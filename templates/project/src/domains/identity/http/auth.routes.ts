import { type RequestHandler, type Response, Router } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { requirePrincipal } from '../../../shared/http/authenticate';
import { rateLimit, spendPoint } from '../../../shared/http/rate-limit';
import { parseBody } from '../../../shared/http/validate';
import type { ChangePassword } from '../application/change-password.use-case';
import type { GetCurrentUser } from '../application/get-current-user.use-case';
import type { LogIn } from '../application/log-in.use-case';
import type { RegisterUser } from '../application/register-user.use-case';
import type { Session, Sessions } from '../application/sessions';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';
import { accountOf, changePasswordBody, credentialsBody } from './auth.schemas';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { toUserResponse } from './user-response';

export interface AuthRouteDependencies {
  readonly registerUser: RegisterUser;
  readonly logIn: LogIn;
  readonly changePassword: ChangePassword;
  readonly sessions: Sessions;
  readonly getCurrentUser: GetCurrentUser;
  readonly authenticate: RequestHandler;
  readonly strictRateLimit: RequestHandler;
  /** Register, login and refresh attempts per account, whatever the addresses they come from. */
  readonly accountLimiter: RateLimiterAbstract;
  readonly secureCookies: boolean;
}

/** What clients see of a user: never the password hash. */

/** Tokens must not be stored by browsers or proxies. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

export function createAuthRouter(deps: AuthRouteDependencies): Router {
  const router = Router();
  router.use(noStore);
  const accountRateLimit = rateLimit(deps.accountLimiter, (req) => accountOf(req.body));

  const sendSession = (res: Response, session: Session, user?: User): void => {
    setRefreshCookie(res, session.refreshToken, session.refreshTtlSeconds, deps.secureCookies);
    res.json({
      accessToken: session.accessToken,
      tokenType: 'Bearer',
      expiresIn: session.expiresIn,
      ...(user === undefined ? {} : { user: toUserResponse(user) }),
    });
  };

  router.post('/register', deps.strictRateLimit, accountRateLimit, async (req, res) => {
    const user = await deps.registerUser.execute(parseBody(credentialsBody, req));
    res.status(201).json({ user: toUserResponse(user) });
  });

  router.post('/login', deps.strictRateLimit, accountRateLimit, async (req, res) => {
    const { user, session } = await deps.logIn.execute(parseBody(credentialsBody, req));
    sendSession(res, session, user);
  });

  router.post('/refresh', deps.strictRateLimit, async (req, res) => {
    const refreshToken = readRefreshCookie(req);
    if (refreshToken === undefined) throw new InvalidRefreshTokenError();
    try {
      const claims = await deps.sessions.verify(refreshToken);
      // Per account as well, keyed on a verified token: a forged one cannot spend someone else's budget.
      await spendPoint(deps.accountLimiter, claims.userId, res);
      sendSession(res, await deps.sessions.refresh(claims));
    } catch (error) {
      if (error instanceof InvalidRefreshTokenError) clearRefreshCookie(res, deps.secureCookies);
      throw error;
    }
  });

  router.post('/logout', deps.authenticate, async (req, res) => {
    await deps.sessions.end(requirePrincipal(req).sessionId);
    clearRefreshCookie(res, deps.secureCookies);
    res.status(204).end();
  });

  router.post('/password', deps.strictRateLimit, deps.authenticate, async (req, res) => {
    await deps.changePassword.execute(requirePrincipal(req).userId, parseBody(changePasswordBody, req));
    clearRefreshCookie(res, deps.secureCookies);
    res.status(204).end();
  });

  router.get('/me', deps.authenticate, async (req, res) => {
    const user = await deps.getCurrentUser.execute(requirePrincipal(req).userId);
    res.json({ user: toUserResponse(user) });
  });

  return router;
}
