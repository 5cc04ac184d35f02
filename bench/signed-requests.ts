import { randomBytes } from 'node:crypto';
import { formatAuthorization, requestMessage } from '@coupond/client/protocol';
import { signSync, toPrivateKey } from '../src/protocol/rsa.js';

export interface SignedRequest {
  method: 'POST' | 'GET';
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Signs requests of one merchant, each with its own nonce (a nonce can be used once: D-17), before the clock runs. */
export function requestSigner(merchant: { mchid: string; serial: string; privateKey: string }) {
  const key = toPrivateKey(merchant.privateKey);
  const timestamp = String(Math.floor(Date.now() / 1000) + 60);
  return (method: 'POST' | 'GET', path: string, body: string): SignedRequest => {
    const nonce = randomBytes(16).toString('hex');
    const signature = signSync(requestMessage(method, path, timestamp, nonce, body), key);
    return {
      method,
      path,
      body,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: formatAuthorization({
          mchid: merchant.mchid,
          serial_no: merchant.serial,
          nonce_str: nonce,
          timestamp,
          signature,
        }),
      },
    };
  };
}

/** `count` distinct signed copies of one request. */
export function signedRequests(
  merchant: { mchid: string; serial: string; privateKey: string },
  method: 'POST' | 'GET',
  path: string,
  body: string,
  count: number,
): SignedRequest[] {
  const sign = requestSigner(merchant);
  return Array.from({ length: count }, () => sign(method, path, body));
}

/** One signed 向用户预发放商品券批次组 of the bench bundle to `openid`, under `sendRequestNo`. */
export function preSendRequest(
  sign: ReturnType<typeof requestSigner>,
  merchant: { brandId: string; appid: string },
  bundle: { productCouponId: string; stockBundleId: string },
  openid: string,
  sendRequestNo: string,
): SignedRequest {
  return sign(
    'POST',
    `/v3/marketing/partner/product-coupon/users/${openid}/pre-send-coupon-bundle`,
    JSON.stringify({
      brand_id: merchant.brandId,
      appid: merchant.appid,
      product_coupon_id: bundle.productCouponId,
      stock_bundle_id: bundle.stockBundleId,
      send_request_no: sendRequestNo,
    }),
  );
}
