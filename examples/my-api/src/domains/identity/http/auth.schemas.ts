import { z } from 'zod';
import { singleLine } from '../../../shared/http/schemas';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy';

const email = singleLine.max(254);
const namesAnAccount = z.object({ email });

/** The account a register or login attempt is for, when the body names one: the key of the per-account budget. */
export function accountOf(body: unknown): string | undefined {
  const parsed = namesAnAccount.safeParse(body);
  return parsed.success ? parsed.data.email.trim().toLowerCase() : undefined;
}

/** Strict objects: unknown keys are rejected, and every string is bounded. */
export const credentialsBody = z.strictObject({
  email,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
