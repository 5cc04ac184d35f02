import type * as Sdk from '@coupond/client';
import type { Static, TSchema } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import type * as Callbacks from '../../src/schemas/callbacks.js';
import type { Endpoints } from '../../src/schemas/endpoints.js';

// packages/client/src/endpoints.ts is generated from the schemas (`npm run client-endpoints`, D-123); these
// checks fail as soon as a schema and the SDK's types part.

type Part<S> = [S] extends [TSchema] ? Static<S> : 'absent';
type FromSchema<E> = E extends {
  readonly path: infer P;
  readonly method: infer M;
  readonly body?: infer B;
  readonly query?: infer Q;
  readonly response?: infer R;
}
  ? [P, M, E extends { readonly media: true } ? true : false, Part<B>, Part<Q>, Part<R>]
  : never;
type Wire<T> = unknown extends T ? 'absent' : T;
type FromSdk<E> = E extends {
  readonly path: infer P;
  readonly method: infer M;
  readonly body?: infer B;
  readonly query?: infer Q;
  readonly response?: infer R;
}
  ? [P, M, E extends { readonly media: true } ? true : false, Wire<B>, Wire<Q>, Wire<R>]
  : never;

describe('the endpoint types of @coupond/client', () => {
  it('name every endpoint of the schema registry', () => {
    expectTypeOf<keyof Sdk.Endpoints>().toEqualTypeOf<keyof Endpoints>();
  });

  it('have the path, method, body, query and response of the schemas', () => {
    expectTypeOf<{ [K in keyof Sdk.Endpoints]: FromSdk<Sdk.Endpoints[K]> }>().toEqualTypeOf<{
      [K in keyof Endpoints]: FromSchema<Endpoints[K]>;
    }>();
  });

  it('have the webhook payloads of the schemas', () => {
    expectTypeOf<Sdk.CallbackEnvelope>().toEqualTypeOf<Callbacks.CallbackEnvelope>();
    expectTypeOf<Sdk.ProductCouponSendNotification>().toEqualTypeOf<Callbacks.ProductCouponSendNotification>();
    expectTypeOf<Sdk.ImageGenerationNotification>().toEqualTypeOf<Callbacks.ImageGenerationNotification>();
  });
});
