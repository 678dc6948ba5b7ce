import { CliError } from '../shared/cli-error';
import { camelize, humanize, pluralize, singularize } from 'inflection';
import { RESERVED_WORDS } from './reserved-words';

/** One word group in every case the templates need. */
export interface NameForms {
  /** `order-items`: directories, file names, URLs. */
  readonly kebab: string;
  /** `orderItems`: variables. */
  readonly camel: string;
  /** `OrderItems`: types and classes. */
  readonly pascal: string;
  /** `order_items`: storage names. */
  readonly snake: string;
  /** `order items`: messages for people. */
  readonly human: string;
  /**
   * The indefinite article before `human`, by spelling: `an` before a vowel (`an order item`, `an update`), but `a`
   * before a `u` that sounds "you" (u, consonant, vowel: `a user`, `a unit`). Spellings that hide the first sound
   * otherwise come out wrong (`a hour`, `an euro`).
   */
  readonly article: 'a' | 'an';
}

/** Every name derived from the `<name>` argument of `ddd generate|destroy domain`. */
export interface ContextNames {
  /** The bounded context: always plural (`order-items`). */
  readonly context: NameForms;
  /** One record of the context: always singular (`order-item`). */
  readonly entity: NameForms;
  /** Mongo collection: `order_items`. */
  readonly collection: string;
  /** Base path of the context's routes: `/api/v1/order-items`. */
  readonly route: string;
  /** Name of the `BoundedContext` the context's `index.ts` exports: `orderItemsContext`. */
  readonly contextExport: string;
  /** Directory of the context relative to the project root: `src/domains/order-items`. */
  readonly directory: string;
}

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_RULE = 'use lowercase letters and digits in dash-separated words starting with a letter (e.g. orders, order-items)';

/** Contexts the project template owns: generating or destroying them would break the project. */
export const RESERVED_CONTEXTS: ReadonlySet<string> = new Set(['identity', 'shared']);

/** Names whose routes or OpenAPI schema would collide with what the project template serves. */
const TAKEN_BY_THE_PROJECT: ReadonlyMap<string, string> = new Map([
  ['auth', 'the identity context serves /api/v1/auth'],
  ['users', 'the identity context serves /api/v1/users'],
  ['user', 'the identity context serves /api/v1/users'],
  ['problems', 'every error is an OpenAPI `Problem`'],
  ['problem', 'every error is an OpenAPI `Problem`'],
]);

function formsOf(snake: string): NameForms {
  return {
    kebab: snake.split('_').join('-'),
    camel: camelize(snake, true),
    pascal: camelize(snake),
    snake,
    human: humanize(snake, true),
    article: /^[aeio]|^u([^aeiou]{2}|[aeiou])/.test(snake) ? 'an' : 'a',
  };
}

/**
 * Validates the spelling of `<name>` and derives every form from it. The context is the plural (`order` gives
 * `orders`, like Rails' `scaffold Order` gives `orders`), the entity its singular.
 */
export function deriveContextNames(input: string): ContextNames {
  if (input === '') throw new CliError(`a domain name is required: ${NAME_RULE}`);
  if (!NAME_PATTERN.test(input)) throw new CliError(`invalid domain name "${input}": ${NAME_RULE}`);
  const snake = input.split('-').join('_');
  const contextSnake = pluralize(snake);
  const entitySnake = singularize(contextSnake);
  if (entitySnake === contextSnake) {
    throw new CliError(
      `domain name "${input}" has the same singular and plural, so the entity and the context would share a name; ` +
        `pick a name with a distinct plural (e.g. "${input}-items" or "${input}-entries")`,
    );
  }
  if (pluralize(entitySnake) !== contextSnake) {
    throw new CliError(
      `domain name "${input}" has no reliable singular ("${entitySnake}" does not pluralize back to ` +
        `"${contextSnake}"); pick another name`,
    );
  }
  const context = formsOf(contextSnake);
  const entity = formsOf(entitySnake);
  return {
    context,
    entity,
    collection: contextSnake,
    route: `/api/v1/${context.kebab}`,
    contextExport: `${context.camel}Context`,
    directory: `src/domains/${context.kebab}`,
  };
}

/** Refuses names that would produce invalid code or take over a context the project template owns. */
export function assertGeneratableNames(input: string, names: ContextNames): void {
  const reserved = [input, names.context.camel, names.entity.camel].find((word) => RESERVED_WORDS.has(word));
  if (reserved !== undefined) {
    throw new CliError(
      `domain name "${input}" gives the identifier "${reserved}", a reserved word in JavaScript; pick another name`,
    );
  }
  const owned = [input, names.context.kebab, names.entity.kebab].find((word) => RESERVED_CONTEXTS.has(word));
  if (owned !== undefined) {
    throw new CliError(
      `domain name "${input}" is reserved: the "${owned}" context comes with the project; pick another name`,
    );
  }
  const taken = [input, names.context.kebab, names.entity.kebab].find((word) => TAKEN_BY_THE_PROJECT.has(word));
  if (taken !== undefined) {
    throw new CliError(`domain name "${input}" is taken: ${TAKEN_BY_THE_PROJECT.get(taken)}; pick another name`);
  }
}
