import type { KeyObject } from 'node:crypto';
import { Headers, randomAlnum, responseMessage, SIGNATURE_TYPE } from '@coupond/client/protocol';
import { aeadEncrypt } from '../protocol/aead.js';
import { signAsync } from '../protocol/rsa.js';
import { type CallbackEnvelope, PRODUCT_COUPON_ASSOCIATED_DATA } from '../schemas/callbacks.js';
import type { OutboxEvent } from '../store/issuance.js';

export interface PlatformSigner {
  /** `Wechatpay-Serial`: the platform public-key id. */
  id: string;
  privateKey: KeyObject;
}

export interface CallbackRequest {
  headers: Record<string, string>;
  body: string;
  requestId: string;
}

/**
 * The POST WeChat Pay makes to a notify URL (docs/protocol.md, Callbacks): the envelope in its observed field order, the
 * resource encrypted with AEAD_AES_256_GCM under the merchant's APIv3 key, and the body signed with the platform key
 * over `timestamp\nnonce\nbody\n`. `timestamp` is real time (seconds), since receivers check it against their own.
 */
export async function buildCallbackRequest(
  event: OutboxEvent,
  apiv3Key: string,
  platform: PlatformSigner,
  timestamp: number,
  requestId: string,
): Promise<CallbackRequest> {
  const nonce = randomAlnum(12);
  const envelope: CallbackEnvelope = {
    id: event.eventId,
    create_time: event.createTime,
    resource_type: 'encrypt-resource',
    event_type: event.eventType,
    summary: event.summary,
    resource: {
      original_type: 'coupon',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: aeadEncrypt(JSON.stringify(event.resource), apiv3Key, nonce, PRODUCT_COUPON_ASSOCIATED_DATA),
      associated_data: PRODUCT_COUPON_ASSOCIATED_DATA,
      nonce,
    },
  };
  const body = JSON.stringify(envelope);
  const headerNonce = randomAlnum(32);
  const ts = String(timestamp);
  const signature = await signAsync(responseMessage(ts, headerNonce, body), platform.privateKey);
  return {
    body,
    requestId,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'coupond-notify',
      [Headers.requestId]: requestId,
      [Headers.nonce]: headerNonce,
      [Headers.serial]: platform.id,
      [Headers.signature]: signature,
      [Headers.signatureType]: SIGNATURE_TYPE,
      [Headers.timestamp]: ts,
    },
  };
}
