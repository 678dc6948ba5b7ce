import { ValidationError } from '../../../shared/kernel/domain-error';
import { newId } from '../../../shared/kernel/id';
import { hasControlCharacter } from '../../../shared/kernel/invariants';

export interface UserSnapshot {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

/** Emails are compared case-insensitively: `Ada@Example.com` and `ada@example.com` are one account. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email) || hasControlCharacter(email)) {
    throw new ValidationError('Invalid email address', [{ path: 'email', message: 'must be a valid email address' }]);
  }
  return email;
}

export class User {
  private constructor(private readonly snapshot: UserSnapshot) {}

  static register(email: string, passwordHash: string, now: Date = new Date()): User {
    return new User({ id: newId(), email: normalizeEmail(email), passwordHash, createdAt: now });
  }

  /** Rebuilds a user that was already validated when it was registered. */
  static restore(snapshot: UserSnapshot): User {
    return new User(snapshot);
  }

  get id(): string {
    return this.snapshot.id;
  }

  get email(): string {
    return this.snapshot.email;
  }

  get passwordHash(): string {
    return this.snapshot.passwordHash;
  }

  get createdAt(): Date {
    return this.snapshot.createdAt;
  }

  withPasswordHash(passwordHash: string): User {
    return new User({ ...this.snapshot, passwordHash });
  }

  toSnapshot(): UserSnapshot {
    return { ...this.snapshot };
  }
}
