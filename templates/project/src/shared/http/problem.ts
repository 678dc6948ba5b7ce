import { z } from 'zod';

/** One invalid field: a JSON pointer into the body, or the name of a query or path parameter (RFC 9457 §3). */
const fieldError = z.union([
  z.object({ pointer: z.string(), detail: z.string() }),
  z.object({ parameter: z.string(), detail: z.string() }),
]);

/**
 * RFC 9457 problem details, the one shape of every error response (`application/problem+json`). `type` points
 * at the status's definition, `code` says what went wrong for programs, `detail` for people. Declared once: the
 * error handler's type and the OpenAPI document's `Problem` both come from here.
 */
export const problemSchema = z
  .object({
    type: z.url(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request that failed' }),
    code: z.string().meta({ description: 'Stable and machine-readable, e.g. `email_taken`' }),
    requestId: z.string().optional(),
    errors: z.array(fieldError).optional().meta({ description: 'Each invalid field, for validation failures' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.output<typeof problemSchema>;
export type FieldError = z.output<typeof fieldError>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
