import type { AnyMongoAbility } from '@casl/ability';
import { rulesToCondition } from '@casl/ability/extra';
import type { AccessScope } from '../kernel/access-scope';

function unsupported(subjectType: string): Error {
  return new Error(
    `the ${subjectType} policy has a rule the repositories cannot apply (only "every record" or "one owner's")`,
  );
}

/**
 * The records `ability` allows `action` on, as the scope repositories apply to their queries (CASL's
 * rulesToCondition, which its database adapters are built on). Undefined when it allows none: the caller answers
 * 403. A rule other than "every record" or "one owner's" fails loudly rather than return too much.
 */
export function accessScope(ability: AnyMongoAbility, action: string, subjectType: string): AccessScope | undefined {
  const scopeOfRule = (rule: { inverted: boolean; conditions?: unknown }): AccessScope => {
    if (rule.inverted) throw unsupported(subjectType);
    if (rule.conditions === undefined) return {};
    const { conditions } = rule;
    if (typeof conditions === 'object' && conditions !== null && Object.keys(conditions).length === 1) {
      const ownerId: unknown = (conditions as { ownerId?: unknown }).ownerId;
      if (typeof ownerId === 'string') return { ownerId };
    }
    throw unsupported(subjectType);
  };
  const union = (scopes: AccessScope[]): AccessScope => {
    const owners = new Set(scopes.map((scope) => scope.ownerId));
    if (owners.has(undefined)) return {};
    if (owners.size === 1) return scopes[0] ?? {};
    throw unsupported(subjectType);
  };
  const scope = rulesToCondition(ability.rulesFor(action, subjectType), scopeOfRule, {
    or: union,
    and: (scopes) => {
      if (scopes.length !== 1) throw unsupported(subjectType);
      return scopes[0] ?? {};
    },
    empty: () => ({}),
  });
  return scope ?? undefined;
}
