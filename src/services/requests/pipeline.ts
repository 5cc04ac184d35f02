import { toRfc3339 } from '../../domain/clock.js';
import { systemError } from '../../domain/errors.js';
import type { Guarded, RequestKey, RequestRecord } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';
import { fingerprint, type NumberedRequest, replayed, requireSameRequest, sameRequest } from './fingerprint.js';

/** The `ALREADY_EXISTS` texts of the APIs whose pages give their own; every other API answers `other`. */
export const Conflicts = {
  createProductCoupon: '商品券已存在',
  addStockBundle: '商品券批次组已存在',
  addStock: '商品券批次已存在',
  imageGenerationTask: 'task_id 冲突：与首次请求的参数不一致',
  other: 'out_request_no 冲突：与首次请求的参数不一致',
} as const;

/** Returned by `settle` when the records the plan was made from changed before the commit: plan again. */
export const PLAN_AGAIN = Symbol('plan again');

/** What a write decided from the records it read: its answer, and the one Store call that makes it true. */
interface Plan<R, O> {
  /** The answer, stored with the number for replays. */
  response: R;
  /** Binds the number and makes the change in one transaction, re-checking the state planned from (D-108). */
  commit(record: RequestRecord): Promise<Guarded<O>>;
  /**
   * What the store's outcome means once committed: nothing for the planned answer, another answer computed from it,
   * `PLAN_AGAIN` when the records the plan was made from changed meanwhile; throws when the state moved on (D-108).
   */
  settle?: (outcome: NoInfer<O>) => NoInfer<R> | typeof PLAN_AGAIN | undefined;
}

export interface NumberedWrite<T, R, O> {
  key: RequestKey;
  /** Everything that identifies the request (path parameters and body): a repeat must carry the same (D-5). */
  parameters: unknown;
  /** The API's `ALREADY_EXISTS` text; `Conflicts.other` when left out. */
  conflict?: string;
  /**
   * Where a number bound to other parameters is refused: before the state rules (D-4, the default), or after them,
   * as the user-coupon lifecycle answers (D-107, D-118). An identical repeat is replayed before them either way.
   */
  conflictAfterState?: boolean;
  /** Authorization and existence (D-2, D-4), reading the records afresh on every attempt. */
  resolve(): Promise<T>;
  /** The state rules and the change; throws the business error. Not run when the number's record answers. */
  plan(resolved: T): Promise<Plan<R, O>>;
}

const ATTEMPTS = 5;

/**
 * The path of every request-numbered write (D-5, D-117): resolve → replay check → plan → commit. Only a committed
 * write binds its number, so a refused request can be retried with it; a concurrent request that bound the number
 * first is answered as a replay of it.
 */
export async function runNumbered<T, R, O>(deps: ServiceDeps, write: NumberedWrite<T, R, O>): Promise<R> {
  const request = numbered(write);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const resolved = await write.resolve();
    const earlier = await deps.store.getRequestRecord(request.key);
    if (earlier && (sameRequest(earlier, request) || !write.conflictAfterState)) return replayOf<R>(request, earlier);
    const plan = await write.plan(resolved);
    if (earlier) requireSameRequest(request, earlier);
    const result = await plan.commit(recordOf(request, plan.response, toRfc3339(deps.clock.now())));
    if (!result.ran) return replayOf<R>(request, result.existing);
    const settled = plan.settle?.(result.value);
    if (settled !== PLAN_AGAIN) return settled ?? plan.response;
  }
  throw systemError();
}

interface BoundRequest extends NumberedRequest {
  key: RequestKey;
}

const numbered = <T, R, O>(write: NumberedWrite<T, R, O>): BoundRequest => ({
  key: write.key,
  fingerprint: fingerprint(write.parameters),
  conflict: write.conflict ?? Conflicts.other,
});

/** The answer stored with the number, for an identical repeat (D-5). */
const replayOf = <R>(request: BoundRequest, earlier: RequestRecord): R =>
  replayed(request, earlier, (e) => JSON.parse(e.response) as R);

const recordOf = (request: BoundRequest, response: unknown, at: string): RequestRecord => ({
  ...request.key,
  fingerprint: request.fingerprint,
  status: 200,
  response: JSON.stringify(response),
  createdAt: at,
});
