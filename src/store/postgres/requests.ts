import type { Guarded, RequestRecord } from '../catalog.js';
import { requestStatements } from '../typed/requests.js';
import type { Engine } from '../typed/work.js';
import type { PgClient } from './database.js';
import { changesOf, rowsOf } from './engine.js';

/**
 * D-5 inside a transaction the caller holds on `c`: binds the request number first, so a replay (concurrent or
 * later) waits for the first transaction and then finds the number bound and changes nothing.
 */
export function clientGuard(e: Engine) {
  const q = requestStatements(e.k);
  const toRequest = e.records('request_records');
  return async <T>(c: PgClient, request: RequestRecord, work: () => Promise<T>): Promise<Guarded<T>> => {
    if ((await changesOf(c, q.insert, request)) === 0) {
      const [existing] = await rowsOf(c, q.get, request);
      if (!existing) throw new Error(`request record ${request.api} ${request.requestNo} vanished`);
      return { ran: false, existing: toRequest(existing) };
    }
    return { ran: true, value: await work() };
  };
}
