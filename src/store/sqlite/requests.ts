import type { RequestKey, RequestRecord } from '../catalog.js';
import { INSERT_REQUEST_COLUMNS, type RequestRow, requestValues, toRequest } from '../rows/requests.js';
import { insertStatement } from '../rows/statements.js';
import type { SqliteDb } from './database.js';

/** D-5 on SQLite: request numbers bound to their first request, inside the caller's transaction. */
export function sqliteRequests(db: SqliteDb) {
  const insert = db.prepare(
    `${insertStatement('request_records', INSERT_REQUEST_COLUMNS, 'sqlite')} ON CONFLICT DO NOTHING`,
  );
  const select = db.prepare<[string, string, string, string], RequestRow>(
    'SELECT * FROM request_records WHERE mchid = ? AND brand_id = ? AND api = ? AND request_no = ?',
  );
  const get = (k: RequestKey): RequestRecord | null => {
    const r = select.get(k.mchid, k.brandId, k.api, k.requestNo);
    return r ? toRequest(r) : null;
  };
  return {
    get,
    /** Binds the number to `request`; returns the record it was already bound to, or null when this call bound it. */
    bind(request: RequestRecord): RequestRecord | null {
      if (insert.run(...requestValues(request)).changes > 0) return null;
      return toRequest(select.get(request.mchid, request.brandId, request.api, request.requestNo)!);
    },
  };
}
