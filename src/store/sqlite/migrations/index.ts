import type { Migration } from '../../migration.js';
import { tenants } from './001-tenants.js';
import { catalog } from './002-catalog.js';
import { issuance } from './003-issuance.js';
import { lifecycle } from './004-lifecycle.js';
import { stockOrder } from './006-stock-order.js';
import { nonces } from './030-nonces.js';
import { deliveryLanes } from './040-delivery-lanes.js';
import { consoleIndexes } from './050-console.js';
import { issuanceHours } from './051-issuance-hours.js';
import { singleStocks } from './060-single-stocks.js';
import { stores } from './070-stores.js';
import { couponCodes } from './075-coupon-codes.js';
import { mediaImages } from './080-media-images.js';
import { imageTasks } from './081-image-tasks.js';
import { singleTokens } from './090-single-tokens.js';

/** Versioned schema changes, applied in order at start-up. Never edit a released migration: add one. */
export const sqliteMigrations: Migration[] = [
  tenants,
  catalog,
  issuance,
  lifecycle,
  stockOrder,
  nonces,
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
