import { responseMessage } from '@coupond/client/protocol';
import { verifySync } from '../../src/protocol/rsa.js';

/** Checks a response carries a valid platform signature over its exact body. */
export async function verifiedBody(res: Response, platformPublicKey: string): Promise<string> {
  const body = await res.text();
  const ts = res.headers.get('wechatpay-timestamp');
  const nonce = res.headers.get('wechatpay-nonce');
  const sig = res.headers.get('wechatpay-signature');
  if (!ts || !nonce || !sig) throw new Error(`response ${res.status} is not signed`);
  if (!verifySync(responseMessage(ts, nonce, body), sig, platformPublicKey))
    throw new Error('response signature does not verify');
  return body;
}
