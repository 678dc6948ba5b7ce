import { ValidationError } from '../../../shared/kernel/domain-error';
import { newId } from '../../../shared/kernel/id';
import { DEFAULT_ROLES, type Role } from '../../../shared/kernel/roles';
import { hasControlCharacter } from '../../../shared/kernel/invariants';

export interface UserSnapshot {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
  /** Never empty: a user without another role is a 'user'. */
  readonly roles: readonly Role[];
  /** A disabled user cannot log in and has no session. */
  readonly disabled: boolean;
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

/** Every account is at least a 'user'; the order is ROLES', without repeats. */
function withUserRole(roles: readonly Role[]): readonly Role[] {
  return ['user' as const, ...roles].filter((role, index, all) => all.indexOf(role) === index).sort();
}

export class User {
  private constructor(private readonly snapshot: UserSnapshot) {}

  static register(email: string, passwordHash: string, now: Date = new Date(), roles = DEFAULT_ROLES): User {
    const snapshot = { id: newId(), email: normalizeEmail(email), passwordHash, createdAt: now };
    return new User({ ...snapshot, roles: withUserRole(roles), disabled: false });
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

  get roles(): readonly Role[] {
    return this.snapshot.roles;
  }

  get isDisabled(): boolean {
    return this.snapshot.disabled;
  }

  /** The roles a new access token may carry; undefined once the account is disabled. */
  get activeRoles(): readonly Role[] | undefined {
    return this.snapshot.disabled ? undefined : this.snapshot.roles;
  }

  withRoles(roles: readonly Role[]): User {
    return new User({ ...this.snapshot, roles: withUserRole(roles) });
  }

  disable(): User {
    return new User({ ...this.snapshot, disabled: true });
  }

  withPasswordHash(passwordHash: string): User {
    return new User({ ...this.snapshot, passwordHash });
  }

  toSnapshot(): UserSnapshot {
    return { ...this.snapshot };
  }
}
