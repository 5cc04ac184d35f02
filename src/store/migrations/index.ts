import type { Dialect, DialectName, Migration, SchemaChange } from '../migration.js';
import { tenants } from './001-tenants.js';
import { catalog } from './002-catalog.js';
import { issuance } from './003-issuance.js';
import { nonces } from './004-nonces.js';
import { lifecycle } from './005-lifecycle.js';
import { stockOrder } from './006-stock-order.js';
import { deliveryLanes } from './040-delivery-lanes.js';
import { consoleIndexes } from './050-console.js';
import { issuanceHours } from './051-issuance-hours.js';
import { singleStocks } from './060-single-stocks.js';
import { stores } from './070-stores.js';
import { couponCodes } from './075-coupon-codes.js';
import { mediaImages } from './080-media-images.js';
import { imageTasks } from './081-image-tasks.js';
import { singleTokens } from './090-single-tokens.js';

const changes: SchemaChange[] = [
  tenants,
  catalog,
  issuance,
  nonces,
  lifecycle,
  stockOrder,
  deliveryLanes,
  consoleIndexes,
  issuanceHours,
  singleStocks,
  stores,
  couponCodes,
  mediaImages,
  imageTasks,
  singleTokens,
];

const dialects: Record<DialectName, Dialect> = {
  sqlite: { json: 'TEXT', bigint: 'INTEGER', pick: (sqlite) => sqlite },
  postgres: { json: 'JSONB', bigint: 'BIGINT', pick: (_, postgres) => postgres },
};

/** The versioned schema changes one database applies, in the order of its own numbering. */
export function migrationsFor(name: DialectName): Migration[] {
  const list: Migration[] = [];
  for (const change of changes) {
    const version = typeof change.version === 'number' ? change.version : change.version[name];
    if (version !== undefined) list.push({ version, name: change.name, sql: change.sql(dialects[name]) });
  }
  return list.sort((a, b) => a.version - b.version);
}
