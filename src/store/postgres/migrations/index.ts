import type { Migration } from '../../migration.js';
import { tenants } from './001-tenants.js';
import { catalog } from './002-catalog.js';
import { issuance } from './003-issuance.js';
import { nonces } from './004-nonces.js';
import { lifecycle } from './005-lifecycle.js';
import { issueFunction } from './010-issue-function.js';
import { cacheNotify } from './011-cache-notify.js';
import { deliveryLanes } from './040-delivery-lanes.js';
import { consoleIndexes } from './050-console.js';
import { issuanceHours } from './051-issuance-hours.js';
import { singleStocks } from './060-single-stocks.js';
import { stores } from './070-stores.js';
import { couponCodes } from './075-coupon-codes.js';
import { issueFromPool } from './076-issue-from-pool.js';
import { mediaImages } from './080-media-images.js';
import { imageTasks } from './081-image-tasks.js';
import { useFunction } from './085-use-function.js';
import { singleTokens } from './090-single-tokens.js';
import { issueAssignedCode } from './091-issue-assigned-code.js';

/** Versioned schema changes, applied in order at start-up. Never edit a released migration: add one. */
export const postgresMigrations: Migration[] = [
  tenants,
  catalog,
  issuance,
  nonces,
  lifecycle,
  issueFunction,
  cacheNotify,
  deliveryLanes,
  consoleIndexes,
  issuanceHours,
  singleStocks,
  stores,
  couponCodes,
  issueFromPool,
  mediaImages,
  imageTasks,
  useFunction,
  singleTokens,
  issueAssignedCode,
];
