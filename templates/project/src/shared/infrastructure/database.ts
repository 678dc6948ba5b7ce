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
