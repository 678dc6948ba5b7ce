import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import { accessScope } from './policy-scope';

type Note = { ownerId: string; status: string } & ForcedSubject<'Note'>;
type Ability = MongoAbility<[string, 'Note' | Note]>;

function ability(define: (builder: AbilityBuilder<Ability>) => void): Ability {
  const builder = new AbilityBuilder<Ability>(createMongoAbility);
  define(builder);
  return builder.build();
}

describe('accessScope', () => {
  it('is every record for an unconditional rule, one owner for an ownerId rule, none without a rule', () => {
    expect(
      accessScope(
        ability(({ can }) => can('read', 'Note')),
        'read',
        'Note',
      ),
    ).toEqual({});
    const own = ability(({ can }) => can('read', 'Note', { ownerId: 'u1' }));
    expect(accessScope(own, 'read', 'Note')).toEqual({ ownerId: 'u1' });
    expect(accessScope(own, 'delete', 'Note')).toBeUndefined();
    const both = ability(({ can }) => {
      can('read', 'Note', { ownerId: 'u1' });
      can('read', 'Note');
    });
    expect(accessScope(both, 'read', 'Note')).toEqual({});
  });

  it('refuses a rule the repositories cannot apply, rather than return too much', () => {
    const byStatus = ability(({ can }) => can('read', 'Note', { status: 'public' }));
    expect(() => accessScope(byStatus, 'read', 'Note')).toThrow('cannot apply');
    const inverted = ability(({ can, cannot }) => {
      can('read', 'Note');
      cannot('read', 'Note', { ownerId: 'u2' });
    });
    expect(() => accessScope(inverted, 'read', 'Note')).toThrow('cannot apply');
  });
});
