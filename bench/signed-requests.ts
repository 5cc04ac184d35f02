import { randomBytes } from 'node:crypto';
import { formatAuthorization } from '../src/protocol/authorization.js';
import { requestMessage } from '../src/protocol/messages.js';
import { signSync, toPrivateKey } from '../src/protocol/rsa.js';

/** `count` distinct signed copies of one request (each nonce can be used once: D-17), made before the clock runs. */
export function signedRequests(
  merchant: { mchid: string; serial: string; privateKey: string },
  method: 'POST' | 'GET',
  path: string,
  body: string,
  count: number,
) {
  const key = toPrivateKey(merchant.privateKey);
  const timestamp = String(Math.floor(Date.now() / 1000) + 60);
  return Array.from({ length: count }, () => {
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
  });
}
