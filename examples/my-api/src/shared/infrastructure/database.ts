import type { Connection } from 'mongoose';

/**
 * Where contexts keep their aggregates. `memory` is the embedded default outside production: `npm run dev` works
 * with nothing else running.
 */
export type Database = { readonly kind: 'memory' } | { readonly kind: 'mongo'; readonly connection: Connection };
