import type { Guarded, RequestKey, RequestRecord } from '../catalog.js';
import { INSERT_REQUEST_COLUMNS, type RequestRow, requestValues, toRequest } from '../rows/requests.js';
import { insertStatement } from '../rows/statements.js';
import type { PgClient } from './database.js';

const INSERT_REQUEST = `${insertStatement('request_records', INSERT_REQUEST_COLUMNS, 'postgres')} ON CONFLICT DO NOTHING`;

const SELECT_REQUEST =
  'SELECT * FROM request_records WHERE mchid = $1 AND brand_id = $2 AND api = $3 AND request_no = $4';

export async function selectRequest(c: Pick<PgClient, 'query'>, key: RequestKey): Promise<RequestRecord | null> {
  const { rows } = await c.query<RequestRow>(SELECT_REQUEST, [key.mchid, key.brandId, key.api, key.requestNo]);
  return rows[0] ? toRequest(rows[0]) : null;
}

/**
 * D-5 inside the caller's transaction: binds the request number first, so a replay (concurrent or later) waits
 * for the first transaction and then finds the number bound and changes nothing.
 */
export async function guarded<T>(c: PgClient, request: RequestRecord, work: () => Promise<T>): Promise<Guarded<T>> {
  const inserted = await c.query(INSERT_REQUEST, requestValues(request));
  if (inserted.rowCount === 0) {
    const existing = await selectRequest(c, request);
    if (!existing) throw new Error(`request record ${request.api} ${request.requestNo} vanished`);
    return { ran: false, existing };
  }
  return { ran: true, value: await work() };
}
