import type { z } from 'zod';
import { ValidationError } from '../kernel/domain-error';

export type RequestPart = 'body' | 'query' | 'params';

/** `input` (one part of a request) checked against `schema`: its parsed value, or a ValidationError naming each field. */
export function parseRequestPart<S extends z.ZodType>(schema: S, input: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    `Invalid request ${part}`,
    result.error.issues.flatMap((issue) => {
      const path = issue.path.map(String).join('.');
      // An unknown key is named: for a query, it is the parameter the client should not have sent.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => ({
        in: part,
        path: key === undefined ? path : [path, key].filter(Boolean).join('.'),
        message: issue.message,
      }));
    }),
  );
}
