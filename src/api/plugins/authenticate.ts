import {
  normalizeSerial,
  parseAuthorization,
  requestMessage,
  TIMESTAMP_WINDOW_SECONDS,
} from '@coupond/client/protocol';
import type { FastifyRequest } from 'fastify';
import { signError } from '../../domain/errors.js';
import { verifySync } from '../../protocol/rsa.js';
import type { AppContext } from '../context.js';

const MSG = {
  format: 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
  scheme: 'Http头Authorization认证类型不正确',
  timestamp: 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟',
  serial: '商户证书序列号有误。请使用签名私钥匹配的证书序列号',
  signature: '签名错误',
  replay: '签名错误，请求重放：nonce_str 已被使用',
} as const;

/**
 * Verifies an API v3 request in WeChat's order (docs/protocol.md, Verifying requests): format → timestamp → merchant serial →
 * signature → replay (D-17). Throws `401 SIGN_ERROR`; on success sets `request.mchid`. The signature covers the body
 * as received, or `signedText` where the API says otherwise (a media upload's `meta`, D-90).
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest, signedText?: string): Promise<string> {
  const parsed = parseAuthorization(request.headers.authorization);
  if (!parsed.ok) throw signError(MSG[parsed.reason]);
  const { mchid, serial_no, nonce_str, timestamp, signature } = parsed.fields;

  const now = ctx.wireClock.now();
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) throw signError(MSG.timestamp);

  const key = await ctx.deps.store.getMerchantKey(mchid, normalizeSerial(serial_no));
  if (!key) throw signError(MSG.serial);

  const url = request.originalUrl;
  const body = signedText ?? request.rawBody?.toString('utf8') ?? '';
  const message = requestMessage(request.method, url, timestamp, nonce_str, body);
  if (!verifySync(message, signature, key.publicKeyPem)) {
    throw signError(MSG.signature, {
      detail: { issue: 'sign not match' },
      field: 'signature',
      location: 'authorization',
      sign_information: {
        method: request.method,
        sign_message_length: Buffer.byteLength(message),
        truncated_sign_message: `${request.method}\n${url}\n${timestamp}\n${nonce_str}\n${body.slice(0, 8)}\n`,
        url,
      },
    });
  }

  const expiresAt = new Date((Number(timestamp) + TIMESTAMP_WINDOW_SECONDS) * 1000);
  if (!(await ctx.deps.store.rememberNonce(mchid, nonce_str, now, expiresAt))) throw signError(MSG.replay);
  request.mchid = mchid;
  return mchid;
}
