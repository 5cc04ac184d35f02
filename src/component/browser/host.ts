import { isMiniProgramPagePath } from '../../domain/page-path.js';
import type {
  CLAIM_EVENT,
  ClaimOutcomeMessage,
  ClaimResponse,
  ClaimResult,
  HOST_SOURCE,
  HostActionMessage,
  HostMessage,
  RESULT_EVENT,
} from '../../schemas/component.js';

const RESULT: typeof RESULT_EVENT = 'coupon-receiver:result';
const CLAIM: typeof CLAIM_EVENT = 'coupon-receiver:claim';
const SOURCE: typeof HOST_SOURCE = 'receiveProductCouponComponent';

declare global {
  interface HTMLElementEventMap {
    'coupon-receiver:result': CustomEvent<HostActionMessage>;
    'coupon-receiver:claim': CustomEvent<ClaimOutcomeMessage>;
  }
}

/** D-10: a DOM event for same-page hosts, and `postMessage` to the parent window when framed. */
function report(target: HTMLElement, event: string, detail: HostMessage): void {
  target.dispatchEvent(new CustomEvent(event, { detail, bubbles: true, composed: true }));
  if (window.parent !== window) window.parent.postMessage(detail, '*');
}

/**
 * `productPath` is passed on only when it is a relative page path (D-42): whatever was stored before that rule, the
 * host never receives a `javascript:`, `data:` or other-origin URL to navigate to.
 */
export function reportAction(
  target: HTMLElement,
  action: HostActionMessage['action'],
  path: string | undefined,
  result: ClaimResult,
): void {
  const productPath = path !== undefined && isMiniProgramPagePath(path) ? path : '';
  report(target, RESULT, { action, productPath, source: SOURCE, result });
}

export function reportClaim(target: HTMLElement, claim: ClaimResponse): void {
  const detail: ClaimOutcomeMessage = {
    action: 'receiveCoupon',
    productPath: '',
    source: SOURCE,
    result: claim.result,
  };
  if (claim.user_coupon_bundle_id) detail.user_coupon_bundle_id = claim.user_coupon_bundle_id;
  if (claim.coupon_code) detail.coupon_code = claim.coupon_code;
  if (claim.daily_resets_at) detail.daily_resets_at = claim.daily_resets_at;
  report(target, CLAIM, detail);
}
