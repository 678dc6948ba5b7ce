import type { Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../kernel/domain-error';

type Source = 'body' | 'query' | 'params';

function parse<S extends z.ZodType>(schema: S, input: unknown, source: Source): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    `Invalid request ${source}`,
    result.error.issues.map((issue) => ({
      in: source,
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.body ?? {}, 'body');
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.query, 'query');
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.params, 'params');
}
