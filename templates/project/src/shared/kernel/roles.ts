/** What a user may be to every context of the service; access tokens carry them (RFC 9068 `roles`). */
export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A new account's roles. */
export const DEFAULT_ROLES: readonly Role[] = ['user'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
