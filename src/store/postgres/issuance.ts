import type { IssuanceStore } from '../issuance.js';
import { type Row, recordMappers } from '../typed/records.js';
import type { Database } from './database.js';
import type { GroupCommitOptions } from './group-commit.js';
import { rowColumns } from './json-rows.js';
import { pointReads } from './point-reads.js';

const records = recordMappers(false);
const recordOf =
  <T>(map: (row: Row) => T) =>
  (row: Row | null): T | null =>
    row ? map(row) : null;
const toToken = recordOf(records('tokens'));
const toIssuance = recordOf(records('issuances'));

// The lookups of every pre-send and claim, gathered across concurrent requests (D-58): per dialect, as only
// PostgreSQL joins `unnest` of the keys. They are kept statements (D-132), so they name their columns, and each key
// is looked up by its own index probe: a kept statement's generic plan does not know how many keys come, and a join
// planned for many would read whole tables.
const TOKENS = `SELECT ${rowColumns('tokens').join(', ')} FROM tokens WHERE token_hash = ANY($1::text[])`;
const ISSUANCES = `
SELECT ${rowColumns('issuances')
  .map((c) => `i.${c}`)
  .join(', ')} FROM unnest($1::text[], $2::text[], $3::text[]) AS k(mchid, brand_id, send_request_no)
CROSS JOIN LATERAL (SELECT * FROM issuances x WHERE x.mchid = k.mchid AND x.brand_id = k.brand_id
  AND x.send_request_no = k.send_request_no LIMIT 1) i`;
const USER_COUNTS = `
SELECT k.stock_id, k.user_key, u.count FROM unnest($1::text[], $2::text[]) AS k(stock_id, user_key)
CROSS JOIN LATERAL (SELECT x.count FROM user_counts x WHERE x.stock_id = k.stock_id AND x.user_key = k.user_key
  LIMIT 1) u`;
// Pre-send's and send's two lookups as one: every key gets a row, with a null issuance and count where none exists.
const ISSUANCES_AND_USER_COUNTS = `
SELECT k.*,
  (SELECT to_jsonb(i) FROM issuances i
    WHERE i.mchid = k.mchid AND i.brand_id = k.brand_id AND i.send_request_no = k.send_request_no) AS issuance,
  (SELECT u.count FROM user_counts u WHERE u.stock_id = k.stock_id AND u.user_key = k.user_key) AS user_count
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
  AS k(mchid, brand_id, send_request_no, stock_id, user_key)`;
const KEY = ['mchid', 'brand_id', 'send_request_no', 'stock_id', 'user_key'] as const;

export function issuanceLookups(
  db: Database,
  groupCommit: GroupCommitOptions,
): Pick<IssuanceStore, 'getToken' | 'getIssuance' | 'getUserCount' | 'getIssuanceAndUserCount'> {
  const token = pointReads<Row>(db, 'token-read', TOKENS, ['token_hash'], groupCommit);
  const issuance = pointReads<Row>(
    db,
    'issuance-read',
    ISSUANCES,
    ['mchid', 'brand_id', 'send_request_no'],
    groupCommit,
  );
  const userCount = pointReads<Row>(db, 'user-count-read', USER_COUNTS, ['stock_id', 'user_key'], groupCommit);
  const both = pointReads<Row>(db, 'presend-read', ISSUANCES_AND_USER_COUNTS, [...KEY], groupCommit);
  return {
    getToken: async (tokenHash) => toToken(await token(tokenHash)),
    getIssuance: async (mchid, brandId, sendRequestNo) => toIssuance(await issuance(mchid, brandId, sendRequestNo)),
    getUserCount: async (stockId, userKey) => ((await userCount(stockId, userKey))?.count as number | undefined) ?? 0,
    getIssuanceAndUserCount: async (...key) => {
      const row = await both(...key);
      return {
        issuance: toIssuance((row?.issuance as Row | null | undefined) ?? null),
        userCount: (row?.user_count as number | null | undefined) ?? 0,
      };
    },
  };
}
