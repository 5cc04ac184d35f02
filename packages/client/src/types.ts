import type { Endpoints } from './endpoints.js';
import type { MediaFile } from './media.js';
import type { QueryParams } from './paths.js';
import type { RequestOptions, SendRequest, WechatpayResponse } from './sender.js';

/** One API as the call styles see it: `body`, `query` and `response` are the types of the JSON on the wire. */
interface EndpointShape {
  readonly path: string;
  readonly method: string;
  readonly media?: true;
  readonly body?: unknown;
  readonly query?: unknown;
  readonly response?: unknown;
}

/**
 * Call-style types derived from an endpoint registry (by default coupond's, `Endpoints`): for every registered
 * path and method, `json`, path parameters, `params` and the response `data` are checked; any other path gets the
 * loose, `unknown`-based signatures.
 */
export type Registry = { readonly [name: string]: EndpointShape };

/** Endpoints whose path is a literal type; a path widened to `string` cannot be matched and is left out. */
type Endpoint<R extends Registry> = { [K in keyof R]: string extends R[K]['path'] ? never : R[K] }[keyof R];
type WithoutSlash<P extends string> = P extends `/${infer R}` ? WithoutSlash<R> : P;

/** Registered paths as the call styles spell them: `v3/marketing/partner/product-coupon/…`, no leading slash. */
export type KnownPath<R extends Registry = Endpoints> = WithoutSlash<Endpoint<R>['path']>;
export type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';

type EndpointAt<R extends Registry, P extends string, V extends Verb> = Extract<
  Endpoint<R>,
  { readonly path: `/${P}`; readonly method: Uppercase<V> }
>;

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer R}` ? N | ParamNames<R> : never;
type PathArgs<P extends string> = { [N in ParamNames<P>]: string | number };
/** A media upload takes the file and writes `meta` itself; any other body is `json`. */
type JsonArg<E> = E extends { readonly media: true }
  ? { media: MediaFile; json?: undefined }
  : E extends { readonly body: infer B }
    ? { json: B }
    : { json?: undefined };
type QueryArg<E> = E extends { readonly query: infer Q }
  ? Record<never, never> extends Q
    ? { params?: Q }
    : { params: Q }
  : { params?: undefined };
type Data<E> = E extends { readonly response: infer R } ? R : undefined;

export type TypedOptions<P extends string, E> = PathArgs<P> & JsonArg<E> & QueryArg<E> & RequestOptions;

type TypedMethod<P extends string, E> =
  Record<never, never> extends TypedOptions<P, E>
    ? (options?: TypedOptions<P, E>) => Promise<WechatpayResponse<Data<E>>>
    : (options: TypedOptions<P, E>) => Promise<WechatpayResponse<Data<E>>>;

/** Path parameters by name, plus `json`, `params` and the per-call settings. */
export interface LooseOptions extends RequestOptions {
  json?: unknown;
  media?: MediaFile;
  params?: QueryParams;
  [pathParameter: string]: unknown;
}
export type LooseMethod = (options?: LooseOptions) => Promise<WechatpayResponse<unknown>>;

type Method<R extends Registry, P extends string, V extends Verb> = [EndpointAt<R, P, V>] extends [never]
  ? LooseMethod
  : TypedMethod<P, EndpointAt<R, P, V>>;

/** Any path: each property is one more segment, each verb a loose call. */
export type LooseNode = { readonly [V in Verb]: LooseMethod } & { readonly [segment: string]: LooseNode };

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Camel<Capitalize<T>>}` : S;
/** Segment → chained property name: `{openid}` → `_openid_`, `pre-send` → `preSend`, reserved verbs capitalised. */
type PropertyOf<S extends string> = S extends `{${infer N}}`
  ? `_${N}_`
  : Camel<S> extends Verb
    ? Capitalize<Camel<S>>
    : Camel<S>;

type Join<P extends string, S extends string> = P extends '' ? S : `${P}/${S}`;
type NextSegment<K extends string, P extends string> = P extends ''
  ? K extends `${infer S}/${string}`
    ? S
    : K
  : K extends `${P}/${infer Rest}`
    ? Rest extends `${infer S}/${string}`
      ? S
      : Rest
    : never;
type Children<R extends Registry, P extends string> = {
  readonly [S in NextSegment<KnownPath<R>, P> as PropertyOf<S>]: PathNode<Join<P, S>, R>;
};

/** The node of path template `P`: typed verbs where `P` is registered, typed children toward registered paths. */
export type PathNode<P extends string, R extends Registry = Endpoints> = {
  readonly [V in Verb]: Method<R, P, V>;
} & Children<R, P> & { readonly [segment: string]: LooseNode };

/** `client.chain(path)` and `client[path]`: a literal path gets its node, a computed `string` the loose node. */
type NodeFor<P extends string, R extends Registry = Endpoints> = string extends P
  ? LooseNode
  : PathNode<WithoutSlash<P>, R>;

export type ClientRoot<R extends Registry = Endpoints> = Children<R, ''> & {
  readonly [P in KnownPath<R>]: PathNode<P, R>;
} & {
  /** Declarative style: the path template verbatim, `{name}` placeholders filled from the call's options. */
  chain<P extends string>(path: P): NodeFor<P, R>;
  /** The sender itself: a concrete path, no placeholders. */
  request<T = unknown>(request: SendRequest): Promise<WechatpayResponse<T>>;
} & { readonly [pathOrSegment: string]: LooseNode };
