import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AuthRateBudgets } from '../../../config/config';
import type { FailureBudget } from '../../../shared/http/failure-budget';
import { createLimiter } from '../../../shared/http/rate-limit';
import type { RedisConnection } from '../../../shared/infrastructure/redis';

/** One limiter per budget of the credential endpoints (see AuthRateBudgets), named by what it counts. */
export type AuthLimiters = { readonly [K in keyof AuthRateBudgets]: RateLimiterAbstract };

const NAMES: { readonly [K in keyof AuthRateBudgets]: string } = {
  loginFailuresPerAccountAndIp: 'login-failures-account-ip',
  loginFailuresPerIp: 'login-failures-ip',
  loginFailuresPerAccount: 'login-failures-account',
  registrationsPerIp: 'registrations-ip',
  refreshesPerSession: 'refreshes-session',
  passwordChangesPerAccount: 'password-changes-account',
};

export function createAuthLimiters(budgets: AuthRateBudgets, redis: RedisConnection | undefined): AuthLimiters {
  const limiter = (key: keyof AuthRateBudgets) => createLimiter({ name: NAMES[key], ...budgets[key] }, redis);
  return {
    loginFailuresPerAccountAndIp: limiter('loginFailuresPerAccountAndIp'),
    loginFailuresPerIp: limiter('loginFailuresPerIp'),
    loginFailuresPerAccount: limiter('loginFailuresPerAccount'),
    registrationsPerIp: limiter('registrationsPerIp'),
    refreshesPerSession: limiter('refreshesPerSession'),
    passwordChangesPerAccount: limiter('passwordChangesPerAccount'),
  };
}

/**
 * What a failed login of `email` from `client` spends. Someone else's failures against the account lock out a
 * correct password from a fresh address only once the larger per-account budget is spent: guessing spread over
 * many addresses stops there (NIST SP 800-63B allows at most 100 failures per account), at the price that that
 * many addresses can lock the account's logins for a window.
 */
export function loginBudgets(limiters: AuthLimiters, email: string, client: string): FailureBudget[] {
  const account = email.trim().toLowerCase();
  return [
    // A space separates: a client key has none and comes last, so no email can end like another pair's.
    { limiter: limiters.loginFailuresPerAccountAndIp, key: `${account} ${client}`, clearedBySuccess: true },
    { limiter: limiters.loginFailuresPerIp, key: client },
    { limiter: limiters.loginFailuresPerAccount, key: account },
  ];
}
