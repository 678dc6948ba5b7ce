import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { RedisConnection } from '../infrastructure/redis';
import { describeWithEveryRedis } from '../testing/redis';
import { type FailureBudget, limitFailures } from './failure-budget';
import { HttpError } from './http-error';
import { createLimiter } from './rate-limit';

class Failed extends Error {}

/** Just enough of a response to receive the budget headers. */
function fakeResponse(): Response & { readonly headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const res = { headers, locals: {}, set: (values: Record<string, string>) => Object.assign(headers, values) };
  return res as unknown as Response & { readonly headers: Record<string, string> };
}

function suite(redis: () => RedisConnection | undefined): void {
  const budgets = (points: number): FailureBudget[] => {
    const limiter = (name: string) =>
      createLimiter({ name: `${name}-${randomUUID()}`, points, windowSeconds: 60 }, redis());
    return [
      { limiter: limiter('pair'), key: 'ada@example.com 203.0.113.1', clearedBySuccess: true },
      { limiter: limiter('address'), key: '203.0.113.1' },
    ];
  };
  const fail = () => Promise.reject(new Failed());
  const succeed = () => Promise.resolve('ok');
  const isFailure = (error: unknown) => error instanceof Failed;

  it('is spent by failures only, and then refuses without running the attempt (429)', async () => {
    const limited = budgets(2);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await limitFailures(limited, fakeResponse(), succeed, isFailure)).toBe('ok');
    }
    const res = fakeResponse();
    await expect(limitFailures(limited, res, fail, isFailure)).rejects.toBeInstanceOf(Failed);
    expect(res.headers['RateLimit-Remaining']).toBe('1');
    await expect(limitFailures(limited, fakeResponse(), fail, isFailure)).rejects.toBeInstanceOf(Failed);
    const attempt = jest.fn(succeed);
    const refused = fakeResponse();
    await expect(limitFailures(limited, refused, attempt, isFailure)).rejects.toMatchObject({ status: 429 });
    expect(attempt).not.toHaveBeenCalled();
    expect(refused.headers).toMatchObject({ 'RateLimit-Limit': '2', 'RateLimit-Remaining': '0' });
  });

  it('is not spent by errors that are not failures (a 503, a database down)', async () => {
    const limited = budgets(1);
    const unavailable = () => Promise.reject(new Error('down'));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(limitFailures(limited, fakeResponse(), unavailable, isFailure)).rejects.toThrow('down');
    }
    expect(await limitFailures(limited, fakeResponse(), succeed, isFailure)).toBe('ok');
  });

  it('clears on success the budgets it clears, only those', async () => {
    const [pair, address] = budgets(3);
    if (pair === undefined || address === undefined) throw new Error('two budgets');
    await expect(limitFailures([pair, address], fakeResponse(), fail, isFailure)).rejects.toBeInstanceOf(Failed);
    await expect(limitFailures([pair, address], fakeResponse(), fail, isFailure)).rejects.toBeInstanceOf(Failed);
    await limitFailures([pair, address], fakeResponse(), succeed, isFailure);
    expect(await pair.limiter.get(pair.key)).toBeNull();
    expect((await address.limiter.get(address.key))?.consumedPoints).toBe(2);
  });

  it('answers the 429 with the longest wait of the budgets spent', async () => {
    const short = createLimiter({ name: `short-${randomUUID()}`, points: 1, windowSeconds: 60 }, redis());
    const long = createLimiter({ name: `long-${randomUUID()}`, points: 1, windowSeconds: 3600 }, redis());
    const both = [
      { limiter: short, key: 'k' },
      { limiter: long, key: 'k' },
    ];
    await expect(limitFailures(both, fakeResponse(), fail, isFailure)).rejects.toBeInstanceOf(Failed);
    const refusal = await limitFailures(both, fakeResponse(), succeed, isFailure).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HttpError);
    expect(Number((refusal as HttpError).headers['Retry-After'])).toBeGreaterThan(3590);
  });
}

describe('failure budgets in memory', () => suite(() => undefined));
describeWithEveryRedis('failure budgets', (redis) => suite(redis));
