import type { TObject } from '@sinclair/typebox';
import { DeliveryListQuery, EventParams } from '../../src/api/admin/webhooks.js';
import { FaultBody } from '../../src/api/faults.js';
import { AdvanceBody, FreezeBody } from '../../src/api/sandbox/clock.js';
import {
  AddKeyBody,
  AuthorizeBody,
  BrandParams,
  CreateBrandBody,
  CreateMerchantBody,
  MchidParams,
  RegisterStoreBody,
  RelateAppIdBody,
  UnionIdBody,
} from '../../src/schemas/admin.js';
import { componentApi } from '../../src/schemas/component.js';
import {
  CONSOLE_API_PREFIX,
  ConsoleCouponListQuery,
  ConsoleCouponParams,
  ConsoleUserParams,
  IssuanceSeriesQuery,
} from '../../src/schemas/console.js';
import type { EndpointDef } from '../../src/schemas/endpoint.js';
import { endpoints } from '../../src/schemas/endpoints.js';
import type { Example, FuzzRoute } from './requests.js';
import type { Facts } from './world.js';

/** Every /v3 endpoint of the registry that drives routing, validation, the SDK and openapi.json. */
export function v3Routes(facts: Facts, examples: Record<string, Example[]>): FuzzRoute[] {
  return (Object.values(endpoints) as EndpointDef[]).map((e) => ({
    name: e.name,
    surface: 'v3' as const,
    method: e.method,
    path: e.path,
    ...(e.params ? { params: e.params } : {}),
    ...(e.query ? { query: e.query } : {}),
    ...(e.body ? { body: e.body } : {}),
    ...(e.response ? { response: e.response } : {}),
    ...(examples[e.name] ? { examples: examples[e.name] } : {}),
    // Only the reserved product coupon may be deactivated, so the others keep issuing through the run.
    ...(e.name === 'deactivateProductCoupon'
      ? { world: new Map([['product_coupon_id', [facts.victim.productCouponId]]]) }
      : {}),
  }));
}

/** The receiving component's JSON API (docs/component.md). */
export function componentRoutes(): FuzzRoute[] {
  return Object.entries(componentApi).map(([name, api]) => ({
    name: `component.${name}`,
    surface: 'component' as const,
    method: api.method,
    path: api.path,
    response: api.response,
    ...('params' in api ? { params: api.params } : {}),
    ...('body' in api ? { body: api.body } : {}),
  }));
}

const admin = (
  method: string,
  path: string,
  parts: { params?: TObject; query?: TObject; body?: TObject; onlyInvalidBodies?: boolean } = {},
): FuzzRoute => ({ name: `${method} ${path}`, surface: 'admin', method, path, ...parts });

/**
 * coupond's admin API (console API included) and sandbox controls. Calls that would disturb the run when valid (injected faults, the test
 * clock) get invalid bodies only; the sandbox reset is left out.
 */
export function adminRoutes(): FuzzRoute[] {
  return [
    admin('POST', '/admin/v1/merchants', { body: CreateMerchantBody }),
    admin('GET', '/admin/v1/merchants'),
    admin('POST', '/admin/v1/merchants/{mchid}/keys', { params: MchidParams, body: AddKeyBody }),
    admin('POST', '/admin/v1/brands', { body: CreateBrandBody }),
    admin('POST', '/admin/v1/brands/{brand_id}/authorizations', { params: BrandParams, body: AuthorizeBody }),
    admin('POST', '/admin/v1/brands/{brand_id}/stores', { params: BrandParams, body: RegisterStoreBody }),
    admin('POST', '/admin/v1/appids', { body: RelateAppIdBody }),
    admin('POST', '/admin/v1/unionids', { body: UnionIdBody }),
    admin('GET', '/admin/v1/webhooks', { query: DeliveryListQuery }),
    admin('POST', '/admin/v1/webhooks/{event_id}/redeliver', { params: EventParams }),
    admin('GET', '/sandbox/v1/webhooks', { query: DeliveryListQuery }),
    admin('POST', '/sandbox/v1/webhooks/{event_id}/redeliver', { params: EventParams }),
    admin('GET', '/sandbox/v1/clock'),
    admin('POST', '/sandbox/v1/clock/freeze', { body: FreezeBody, onlyInvalidBodies: true }),
    admin('POST', '/sandbox/v1/clock/advance', { body: AdvanceBody, onlyInvalidBodies: true }),
    admin('POST', '/sandbox/v1/faults', { body: FaultBody, onlyInvalidBodies: true }),
    admin('GET', '/sandbox/v1/faults'),
    admin('GET', `${CONSOLE_API_PREFIX}/overview`),
    admin('GET', `${CONSOLE_API_PREFIX}/product-coupons`, { query: ConsoleCouponListQuery }),
    admin('GET', `${CONSOLE_API_PREFIX}/product-coupons/{product_coupon_id}`, { params: ConsoleCouponParams }),
    admin('GET', `${CONSOLE_API_PREFIX}/product-coupons/{product_coupon_id}/issuance`, {
      params: ConsoleCouponParams,
      query: IssuanceSeriesQuery,
    }),
    admin('GET', `${CONSOLE_API_PREFIX}/users/{openid}`, { params: ConsoleUserParams }),
  ];
}
