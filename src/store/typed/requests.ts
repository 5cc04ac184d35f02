import type { Guarded, RequestRecord } from '../catalog.js';
import { insertNew, selectBy } from './statement.js';
import { type Engine, first, readOne, run, type Work } from './work.js';

/** D-5: request numbers bound to their first request, each with its mutation in one transaction. */
export function requestRecords(e: Engine) {
  const toRequest = e.records('request_records');
  const q = {
    insert: insertNew(e.k, 'request_records'),
    get: selectBy(e.k, 'request_records', 'mchid', 'brand_id', 'api', 'request_no'),
  };
  /**
   * Binds the request number first, so a replay (concurrent or later) finds it bound and changes nothing; on
   * PostgreSQL a concurrent replay waits for the first transaction on the number's row.
   */
  function* bindThen<T>(request: RequestRecord, mutate: () => Work<T>): Work<Guarded<T>> {
    if ((yield* run(q.insert, request)) === 0) {
      const existing = yield* first(q.get, request);
      if (!existing) throw new Error(`request record ${request.api} ${request.requestNo} vanished`);
      return { ran: false, existing: toRequest(existing) };
    }
    return { ran: true, value: yield* mutate() };
  }
  return {
    get: readOne(e, q.get, toRequest),
    guarded: <T>(request: RequestRecord, mutate: () => Work<T>) => e.write(() => bindThen(request, mutate)),
  };
}

export type RequestRecords = ReturnType<typeof requestRecords>;
