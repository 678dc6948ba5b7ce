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
  /** 1 when registered, one more with each change: a save applies only over the version it was read at. */
  readonly version: number;
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
    return new User({ ...snapshot, roles: withUserRole(roles), disabled: false, version: 1 });
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

  get version(): number {
    return this.snapshot.version;
  }

  /** An administrator who can still act as one: there must always be at least one. */
  get isActiveAdmin(): boolean {
    return !this.snapshot.disabled && this.snapshot.roles.includes('admin');
  }

  /** The roles a new access token may carry; undefined once the account is disabled. */
  get activeRoles(): readonly Role[] | undefined {
    return this.snapshot.disabled ? undefined : this.snapshot.roles;
  }

  withRoles(roles: readonly Role[]): User {
    return this.changed({ roles: withUserRole(roles) });
  }

  disable(): User {
    return this.changed({ disabled: true });
  }

  withPasswordHash(passwordHash: string): User {
    return this.changed({ passwordHash });
  }

  /**
   * The roles and disabled flag of `earlier` (this account as it was before), the rest as now: only to take back a
   * change of access that had to be refused after it was saved (it left no active administrator).
   */
  withAccessOf(earlier: User): User {
    return this.changed({ roles: earlier.roles, disabled: earlier.isDisabled });
  }

  toSnapshot(): UserSnapshot {
    return { ...this.snapshot };
  }

  /** Each change is one version: a user saves one change at a time, over the version it was read at. */
  private changed(changes: Partial<Pick<UserSnapshot, 'roles' | 'disabled' | 'passwordHash'>>): User {
    return new User({ ...this.snapshot, ...changes, version: this.snapshot.version + 1 });
  }
}
