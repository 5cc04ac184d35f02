import type {
  ClaimResponse,
  ClaimResult,
  ComponentCoupon,
  PreviewState,
  TokenPreview,
} from '../../schemas/component.js';
import { CLAIM_RESULTS, PREVIEW_STATES } from '../../schemas/component-states.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** Enough of the shape to render safely; the server validates the rest against the schema. */
function isCoupon(v: unknown): v is ComponentCoupon {
  return (
    isObject(v) &&
    typeof v.name === 'string' &&
    typeof v.image_url === 'string' &&
    typeof v.background_url === 'string' &&
    (v.type === 'NORMAL' || v.type === 'DISCOUNT' || v.type === 'EXCHANGE') &&
    Array.isArray(v.rounds) &&
    v.rounds.every(isObject) &&
    typeof v.interval_days === 'number' &&
    (v.combo_package_list === undefined ||
      (Array.isArray(v.combo_package_list) &&
        v.combo_package_list.every(
          (p) => isObject(p) && Array.isArray(p.choice_list) && p.choice_list.every(isObject),
        ))) &&
    (v.detail_image_url_list === undefined ||
      (Array.isArray(v.detail_image_url_list) && v.detail_image_url_list.every((u) => typeof u === 'string')))
  );
}

const hasReceipt = (v: Json) =>
  optionalString(v.user_coupon_bundle_id) && optionalString(v.coupon_code) && optionalString(v.daily_resets_at);

function isPreview(v: unknown): v is TokenPreview {
  return (
    isObject(v) &&
    (PREVIEW_STATES as readonly string[]).includes(v.state as PreviewState) &&
    (v.coupon === undefined || isCoupon(v.coupon)) &&
    hasReceipt(v)
  );
}

function isClaim(v: unknown): v is ClaimResponse {
  return isObject(v) && (CLAIM_RESULTS as readonly string[]).includes(v.result as ClaimResult) && hasReceipt(v);
}

class ComponentApiError extends Error {
  override name = 'ComponentApiError';
}

const tokenUrl = (apiBase: string, token: string) =>
  `${apiBase.replace(/\/+$/, '')}/component/v1/tokens/${encodeURIComponent(token)}`;

/**
 * No custom headers and no request body, so cross-origin hosts make simple CORS requests (no preflight),
 * and the claim POST carries no content type the server would have to parse.
 */
async function request<T>(url: string, init: RequestInit, guard: (v: unknown) => v is T): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: 'application/json' } });
  if (!response.ok) throw new ComponentApiError(`HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!guard(body)) throw new ComponentApiError('unexpected response');
  return body;
}

export const fetchPreview = (apiBase: string, token: string, signal: AbortSignal) =>
  request(tokenUrl(apiBase, token), { method: 'GET', signal }, isPreview);

export const postClaim = (apiBase: string, token: string, signal: AbortSignal) =>
  request(`${tokenUrl(apiBase, token)}/claim`, { method: 'POST', signal }, isClaim);
