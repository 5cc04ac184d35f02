import { toRfc3339 } from '../../domain/clock.js';
import { alreadyExists, invalidRequest, Messages, notEnough, systemError } from '../../domain/errors.js';
import type { Guarded, RequestKey, RequestRecord } from '../../store/catalog.js';
import type { LifecycleOutcome } from '../../store/lifecycle.js';
import { canonical } from '../catalog/requests.js';
import type { ServiceDeps } from '../deps.js';

/** What a call decided from the records it read: the answer, and the write that makes it true. */
interface Plan<R> {
  response: R;
  commit(request: RequestRecord): Promise<Guarded<LifecycleOutcome>>;
}

export interface GuardedCall<T, R> {
  key: RequestKey;
  /** The path parameters and body: a repeat with the same number must carry the same ones (D-5). */
  parameters: unknown;
  conflictMessage: string;
  /** Authorization and existence (D-4), reading the records afresh. */
  resolve(): Promise<T>;
  /**
   * The state rules and the change; throws the business error. Runs after the replay check, so a repeat of a call
   * that succeeded is answered even though the state has moved on since.
   */
  plan(resolved: T): Promise<Plan<R>>;
}

const ATTEMPTS = 5;

/**
 * D-5 around a lifecycle mutation: the same number with the same parameters replays the first answer; with other
 * parameters → 400 ALREADY_EXISTS, checked after the state rules (D-4). Only a successful call binds its number,
 * so a request refused for state can be retried with the same number. A plan made on records that changed before
 * the commit is made again.
 */
export async function runGuarded<T, R>(deps: ServiceDeps, call: GuardedCall<T, R>): Promise<R> {
  const fingerprint = canonical(call.parameters);
  const settle = (existing: RequestRecord): R => {
    if (existing.fingerprint !== fingerprint) throw alreadyExists(call.conflictMessage);
    return JSON.parse(existing.response) as R;
  };
  for (let i = 0; i < ATTEMPTS; i++) {
    const resolved = await call.resolve();
    const existing = await deps.store.getRequestRecord(call.key);
    if (existing && existing.fingerprint === fingerprint) return settle(existing);
    const plan = await call.plan(resolved);
    if (existing) throw alreadyExists(call.conflictMessage);
    const result = await plan.commit({
      ...call.key,
      fingerprint,
      status: 200,
      response: JSON.stringify(plan.response),
      createdAt: toRfc3339(deps.clock.now()),
    });
    if (!result.ran) return settle(result.existing);
    const outcome = result.value;
    if (outcome.kind === 'APPLIED') return plan.response;
    if (outcome.kind === 'REFUSED')
      throw outcome.counter === 'user' ? invalidRequest(Messages.userLimit) : notEnough(Messages.budget);
  }
  throw systemError();
}
