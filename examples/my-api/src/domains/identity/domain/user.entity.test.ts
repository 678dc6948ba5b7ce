import { ValidationError } from '../../../shared/kernel/domain-error';
import { assertAcceptablePassword } from './password-policy';
import { normalizeEmail, User } from './user.entity';

describe('User', () => {
  it('registers with a normalised email and a fresh id', () => {
    const user = User.register('  Ada@Example.COM ', 'hash');
    expect(user.email).toBe('ada@example.com');
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(User.register('b@example.com', 'hash').id).not.toBe(user.id);
  });

  it('rejects an invalid email', () => {
    expect(() => normalizeEmail('not-an-email')).toThrow(ValidationError);
    expect(() => normalizeEmail(`${'a'.repeat(250)}@example.com`)).toThrow(ValidationError);
  });

  it('round-trips through a snapshot', () => {
    const user = User.register('ada@example.com', 'hash', new Date('2026-01-01T00:00:00Z'));
    expect(User.restore(user.toSnapshot()).toSnapshot()).toEqual(user.toSnapshot());
  });
});

describe('password policy', () => {
  it('accepts a long password', () => {
    expect(() => assertAcceptablePassword('correct horse battery', 'ada@example.com')).not.toThrow();
  });

  it.each([
    ['too short', 'short', /at least 12/],
    ['too long', 'x'.repeat(129), /at most 128/],
    ['the email itself', 'Ada.Lovelace@Example.com', /email/],
  ])('rejects a password that is %s', (_label, password, message) => {
    expect(() => assertAcceptablePassword(password, 'ada.lovelace@example.com')).toThrow(ValidationError);
    try {
      assertAcceptablePassword(password, 'ada.lovelace@example.com');
    } catch (error) {
      expect((error as ValidationError).details.map((detail) => detail.message).join()).toMatch(message);
    }
  });
});
