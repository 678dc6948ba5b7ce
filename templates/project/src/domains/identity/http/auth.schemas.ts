import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy';

/** Strict objects: unknown keys are rejected, and every string is bounded. */
export const credentialsBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
