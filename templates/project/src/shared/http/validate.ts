import type { z } from 'zod';
import { ValidationError } from '../kernel/domain-error';

export type RequestPart = 'body' | 'query' | 'params';

/** `input` (one part of a request) checked against `schema`: its parsed value, or a ValidationError naming each field. */
export function parseRequestPart<S extends z.ZodType>(schema: S, input: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    `Invalid request ${part}`,
    result.error.issues.map((issue) => ({
      in: part,
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}
