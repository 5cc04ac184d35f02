import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { endpoints } from '../../schemas/endpoints.js';
import type { ServiceDeps } from '../deps.js';

/** `/console`: what the platform holds now, for the overview's live counters (D-60). */
export async function consoleOverview(deps: ServiceDeps) {
  const now = deps.clock.now();
  const day = shanghaiDay(now);
  const o = await deps.store.consoleOverview(day);
  return {
    now: toRfc3339(now),
    day,
    sandbox: deps.sandbox,
    merchants: o.merchants,
    brands: o.brands,
    product_coupons: o.productCoupons,
    issued: o.issued,
    issued_today: o.issuedToday,
    webhooks: o.deliveries,
    /** The API names sandbox faults can target (D-20). */
    fault_apis: deps.sandbox ? Object.keys(endpoints) : [],
  };
}
