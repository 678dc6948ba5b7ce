import { ValidationError } from '../../../shared/kernel/domain-error';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Length bounds after NIST SP 800-63B; a password may not be the account's own email. */
export function assertAcceptablePassword(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) problems.push('must not be your email address');
  if (problems.length > 0) {
    throw new ValidationError(
      'Password does not meet the policy',
      problems.map((message) => ({ path: 'password', message })),
      'weak_password',
    );
  }
}
