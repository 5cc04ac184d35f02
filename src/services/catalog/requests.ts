import { alreadyExists } from '../../domain/errors.js';
import type { Guarded, RequestKey, RequestRecord } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';

/**
 * D-5 for the catalog writes: an `out_request_no` is bound, per (mchid, brand_id, API), to the canonical form of the
 * first successful request and to its answer. Failed requests are never recorded.
 */
export const Conflicts = {
  createProductCoupon: '商品券已存在',
  addStockBundle: '商品券批次组已存在',
  addStock: '商品券批次已存在',
  imageGenerationTask: 'task_id 冲突：与首次请求的参数不一致',
  other: 'out_request_no 冲突：与首次请求的参数不一致',
} as const;

export interface BoundRequest {
  key: RequestKey;
  fingerprint: string;
  conflict: string;
}

/** JSON with object keys sorted at every depth, so key order never makes two equal requests differ. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `parts` is everything that identifies the request: path parameters and the body. */
export function bindRequest(
  api: string,
  mchid: string,
  brandId: string,
  requestNo: string,
  parts: unknown,
  conflict: string = Conflicts.other,
): BoundRequest {
  return { key: { mchid, brandId, api, requestNo }, fingerprint: canonical(parts), conflict };
}

/** The first answer for the same request, `400 ALREADY_EXISTS` for a different one with the same number. */
export function replayOf<T>(request: BoundRequest, existing: RequestRecord): T {
  if (existing.fingerprint !== request.fingerprint) throw alreadyExists(request.conflict);
  return JSON.parse(existing.response) as T;
}

/** The answer already bound to this number, if any (checked before state, so a replay finds its first answer). */
export async function earlierAnswer<T>(deps: ServiceDeps, request: BoundRequest): Promise<T | null> {
  const existing = await deps.store.getRequestRecord(request.key);
  return existing ? replayOf<T>(request, existing) : null;
}

export function recordOf(request: BoundRequest, response: unknown, at: string): RequestRecord {
  return {
    ...request.key,
    fingerprint: request.fingerprint,
    status: 200,
    response: JSON.stringify(response),
    createdAt: at,
  };
}

/** The answer of a guarded write: ours if it ran, else the one bound by a concurrent request with the number. */
export function answerOf<T>(request: BoundRequest, result: Guarded<unknown>, response: T): T {
  return result.ran ? response : replayOf<T>(request, result.existing);
}
