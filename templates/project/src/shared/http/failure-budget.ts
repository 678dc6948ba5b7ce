import type { Response } from 'express';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type BudgetState, rateLimited, setBudgetHeaders } from './rate-limit';

/** A budget of failed attempts: only failures spend it, so whoever succeeds is never the one locked out. */
export interface FailureBudget {
  readonly limiter: RateLimiterAbstract;
  readonly key: string;
  /** A success forgets the failures counted here (e.g. those of one account from one address). */
  readonly clearedBySuccess?: boolean;
}

const stateOf = ({ limiter }: FailureBudget, res: RateLimiterRes | null): BudgetState => ({
  limiter,
  limit: limiter.points,
  remaining: limiter.points - (res?.consumedPoints ?? 0),
  msBeforeReset: res?.msBeforeNext ?? limiter.duration * 1000,
});

/** The budget with the fewest failures left: the one the headers describe. */
const tightest = (states: readonly BudgetState[]): BudgetState =>
  states.reduce((least, state) => (state.remaining < least.remaining ? state : least));

const longestWait = (states: readonly BudgetState[]): BudgetState =>
  states.reduce((last, state) => (state.msBeforeReset > last.msBeforeReset ? state : last));

const statesOf = (
  budgets: readonly FailureBudget[],
  read: (budget: FailureBudget) => Promise<RateLimiterRes | null>,
): Promise<BudgetState[]> => Promise.all(budgets.map(async (budget) => stateOf(budget, await read(budget))));

/**
 * rate-limiter-flexible's pattern for login endpoints: refused (429) while any budget is spent; otherwise the
 * attempt runs, and a failure (`isFailure`) spends a point of every budget, a success clears those it clears.
 * Checked before and spent after the attempt, so attempts already in flight when a budget runs out still count
 * and still run: the hashing bound keeps those few.
 */
export async function limitFailures<T>(
  budgets: readonly FailureBudget[],
  res: Response,
  attempt: () => Promise<T>,
  isFailure: (error: unknown) => boolean,
): Promise<T> {
  const before = await statesOf(budgets, ({ limiter, key }) => limiter.get(key));
  const spent = before.filter((state) => state.remaining <= 0);
  if (spent.length > 0) throw rateLimited(res, longestWait(spent));
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (isFailure(error)) {
      setBudgetHeaders(res, tightest(await statesOf(budgets, ({ limiter, key }) => limiter.penalty(key))));
    }
    throw error;
  }
  await Promise.all(budgets.filter((budget) => budget.clearedBySuccess === true).map((b) => b.limiter.delete(b.key)));
  const left = before.map((state, index) =>
    budgets[index]?.clearedBySuccess ? { ...state, remaining: state.limit } : state,
  );
  setBudgetHeaders(res, tightest(left));
  return result;
}
