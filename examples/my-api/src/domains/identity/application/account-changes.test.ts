import type { Principal } from '../../../shared/auth/access-tokens';
import { testAccessTokens } from '../../../shared/testing/access-tokens';
import { NoCache } from '../../../shared/cache/read-cache';
import { MemoryAuditLog } from '../../../shared/infrastructure/audit-log';
import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import type { Role } from '../../../shared/kernel/roles';
import {
  InvalidCredentialsError,
  LastAdministratorError,
  UserChangedConcurrentlyError,
} from '../domain/identity.errors';
import { User } from '../domain/user.entity';
import { InMemoryRefreshSessionStore } from '../infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from '../infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from '../infrastructure/jose-refresh-token.codec';
import { ScryptPasswordHasher } from '../infrastructure/scrypt-password-hasher';
import { AccountChanges } from './account-changes';
import { AdministerUsers } from './administer-users.use-case';
import { ChangePassword } from './change-password.use-case';
import type { PasswordHasher } from './ports';
import { Sessions } from './sessions';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'another long passphrase';
const secret = (label: string) => new TextEncoder().encode(`${label}-secret-that-is-long-enough-for-hs256`);
const scrypt = new ScryptPasswordHasher(1024);

/** A hasher whose `hash` waits until the test lets it go: the ~0.7 s of a production hash, made deterministic. */
class HeldHasher implements PasswordHasher {
  private letGo = (): void => undefined;
  private readonly released = new Promise<void>((resolve) => (this.letGo = resolve));
  private started = (): void => undefined;
  /** Resolves once a `hash` is waiting. */
  readonly hashing = new Promise<void>((resolve) => (this.started = resolve));

  async hash(password: string): Promise<string> {
    this.started();
    await this.released;
    return scrypt.hash(password);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return scrypt.verify(password, hash);
  }

  release(): void {
    this.letGo();
  }
}

/** Each count waits for the other request's: two requests at once, held in lockstep at every count. */
class LockstepUsers extends InMemoryUserRepository {
  private waiting: (() => void) | undefined;

  override async countActiveAdmins(): Promise<number> {
    await new Promise<void>((resolve) => {
      if (this.waiting === undefined) {
        this.waiting = resolve;
        return;
      }
      this.waiting();
      this.waiting = undefined;
      resolve();
    });
    return super.countActiveAdmins();
  }
}

function identity(users = new InMemoryUserRepository(), hasher: PasswordHasher = scrypt) {
  const accessTokens = testAccessTokens();
  const sessions = new Sessions({
    accessTokens,
    refreshTokens: new JoseRefreshTokenCodec({ refreshSecret: secret('refresh'), issuer: 'api', audience: 'api' }),
    store: new InMemoryRefreshSessionStore(),
    activeRoles: async (userId: string) => (await users.findById(userId))?.activeRoles,
    policy: { refreshTtlSeconds: 600, maxLifetimeSeconds: 3600, reuseGraceSeconds: 10 },
    audit: new MemoryAuditLog(),
  });
  const audit = new MemoryAuditLog();
  const administer = new AdministerUsers(users, new AccountChanges(users, sessions, new NoCache(), audit));
  return { users, audit, sessions, administer, changePassword: new ChangePassword(users, hasher, sessions, audit) };
}

async function registered(users: InMemoryUserRepository, name: string, roles: readonly Role[] = []): Promise<User> {
  const user = User.register(`${name}@example.com`, await scrypt.hash(PASSWORD), new Date(), roles);
  await users.add(user);
  return user;
}

function principal(user: User): Principal {
  return {
    userId: user.id,
    tokenId: `${user.id}-token`,
    sessionId: `${user.id}-session`,
    roles: user.roles,
    expiresAt: 0,
  };
}

describe('changes to an account that race each other', () => {
  it('a password change that was hashing while an administrator disabled the account leaves it disabled', async () => {
    const hasher = new HeldHasher();
    const { users, administer, changePassword } = identity(new InMemoryUserRepository(), hasher);
    const admin = await registered(users, 'admin', ['admin']);
    const ada = await registered(users, 'ada');
    const changing = changePassword.execute(ada.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await hasher.hashing;
    await administer.disable(principal(admin), ada.id);
    hasher.release();
    await expect(changing).rejects.toThrow(new UnauthorizedError('Account is disabled', 'account_disabled'));
    const stored = await users.findById(ada.id);
    expect(stored?.isDisabled).toBe(true);
    expect(await scrypt.verify(PASSWORD, stored?.passwordHash ?? '')).toBe(true);
  });

  it('a password change that was hashing while the account was demoted is saved, and the demotion stays', async () => {
    const hasher = new HeldHasher();
    const { users, administer, changePassword } = identity(new InMemoryUserRepository(), hasher);
    const [admin, bob] = [await registered(users, 'admin', ['admin']), await registered(users, 'bob', ['admin'])];
    const changing = changePassword.execute(bob.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await hasher.hashing;
    await administer.changeRoles(principal(admin), bob.id, []);
    hasher.release();
    await changing;
    const stored = await users.findById(bob.id);
    expect(stored?.roles).toEqual(['user']);
    expect(await scrypt.verify(NEW_PASSWORD, stored?.passwordHash ?? '')).toBe(true);
    expect(stored?.version).toBe(3);
  });

  it('of two password changes at once, the one that saved second is refused: its current password is gone', async () => {
    const hasher = new HeldHasher();
    const held = identity(new InMemoryUserRepository(), hasher);
    const { users } = held;
    const other = new ChangePassword(users, scrypt, identity(users).sessions, new MemoryAuditLog());
    const ada = await registered(users, 'ada');
    const first = held.changePassword.execute(ada.id, { currentPassword: PASSWORD, newPassword: 'first new password' });
    await hasher.hashing;
    await other.execute(ada.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    hasher.release();
    await expect(first).rejects.toThrow(InvalidCredentialsError);
    expect(await scrypt.verify(NEW_PASSWORD, (await users.findById(ada.id))?.passwordHash ?? '')).toBe(true);
  });

  it('gives up with 409 user_changed after three lost races rather than retrying for ever', async () => {
    const users = new InMemoryUserRepository();
    const { changePassword } = identity(users);
    const ada = await registered(users, 'ada');
    const save = jest.spyOn(users, 'save').mockRejectedValue(new UserChangedConcurrentlyError(ada.id));
    const changing = changePassword.execute(ada.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await expect(changing).rejects.toThrow(UserChangedConcurrentlyError);
    expect(save).toHaveBeenCalledTimes(3);
  });
});

describe('the last administrator', () => {
  it('can neither lose the role nor be disabled; another administrator can, and both outcomes are audited', async () => {
    const { users, audit, administer } = identity();
    const [ada, bob] = [await registered(users, 'ada', ['admin']), await registered(users, 'bob', ['admin'])];
    await administer.changeRoles(principal(ada), ada.id, []);
    await expect(administer.changeRoles(principal(bob), bob.id, [])).rejects.toThrow(LastAdministratorError);
    await expect(administer.disable(principal(ada), bob.id)).rejects.toThrow(LastAdministratorError);
    // Refused before anything was written: no version was spent, no session ended.
    expect((await users.findById(bob.id))?.toSnapshot()).toEqual(bob.toSnapshot());
    expect(audit.events).toEqual([
      { event: 'user.roles_changed', outcome: 'success', actorId: ada.id, userId: ada.id },
      { event: 'user.roles_changed', outcome: 'refused', actorId: bob.id, userId: bob.id, reason: 'last_admin' },
      { event: 'user.disabled', outcome: 'refused', actorId: ada.id, userId: bob.id, reason: 'last_admin' },
    ]);
  });

  it('stays when two administrators demote each other at once: both are refused, neither change is kept', async () => {
    const { users, administer } = identity(new LockstepUsers());
    const [ada, bob] = [await registered(users, 'ada', ['admin']), await registered(users, 'bob', ['admin'])];
    const outcomes = await Promise.allSettled([
      administer.changeRoles(principal(ada), bob.id, []),
      administer.changeRoles(principal(bob), ada.id, []),
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as unknown) : 'saved'))).toEqual([
      new LastAdministratorError(),
      new LastAdministratorError(),
    ]);
    const stored = await Promise.all([users.findById(ada.id), users.findById(bob.id)]);
    expect(stored.map((user) => user?.isActiveAdmin)).toEqual([true, true]);
  });
});
