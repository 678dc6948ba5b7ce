import type { Connection } from 'mongoose';
import type { EmbeddedStore } from './embedded-store';

/**
 * Where contexts keep their aggregates: MongoDB when MONGODB_URI is set; otherwise, in development, files under
 * DATA_DIR that survive restarts (`embedded`); `memory` for tests.
 */
export type Database =
  | { readonly kind: 'memory' }
  | { readonly kind: 'embedded'; readonly store: EmbeddedStore }
  | { readonly kind: 'mongo'; readonly connection: Connection };

/** How to build one repository on each kind of database; the contract suites run the same adapters. */
export interface RepositoryAdapters<R> {
  readonly memory: () => R;
  readonly embedded: (store: EmbeddedStore) => R;
  readonly mongo: (connection: Connection) => R;
}

export function repositoryFor<R>(database: Database, adapters: RepositoryAdapters<R>): R {
  switch (database.kind) {
    case 'mongo':
      return adapters.mongo(database.connection);
    case 'embedded':
      return adapters.embedded(database.store);
    case 'memory':
      return adapters.memory();
  }
}
