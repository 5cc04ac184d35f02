import type { TObject, TSchema } from '@sinclair/typebox';

/**
 * One WeChat API: the single source for the server's validation and routing, the SDK's types and openapi.json.
 * `path` is the full path with `{name}` placeholders, exactly as WeChat documents it.
 */
export interface EndpointDef {
  readonly name: string;
  readonly summary: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly params?: TObject;
  readonly query?: TObject;
  readonly body?: TObject;
  /**
   * A media upload: the request is multipart/form-data with the JSON `body` as its `meta` part and the bytes as its
   * `file` part; the signature covers `meta` alone (D-90).
   */
  readonly media?: true;
  /** Absent for 204 responses. */
  readonly response?: TSchema;
  /** WeChat's per-mchid rate class: 500/s user-side APIs, 20/s management APIs (D-19). */
  readonly rate: 'user' | 'management';
}

export const defineEndpoint = <const E extends EndpointDef>(e: E): E => e;

export const PARTNER_PREFIX = '/v3/marketing/partner/product-coupon';
