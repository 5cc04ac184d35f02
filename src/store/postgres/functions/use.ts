import type { PostgresFunction } from '../../migration.js';

/**
 * 核销 as one server-side call (D-55): `coupond_use(request, transition, bundle_id, next, no_daily_cap)` binds the
 * request number, adds one to the bundle's `used_count` (locking the bundle first, as every lifecycle transaction
 * does), moves the coupon to USED and, when `next` is given, takes stock #k+1's total, day and per-user counters
 * and writes coupon #k+1 and its SEND event. Any outcome but APPLIED rolls the call's writes back, request record
 * included; a request number already bound answers EXISTING with the first record.
 */
export const useFunction: PostgresFunction = {
  signature: 'coupond_use(jsonb,jsonb,text,jsonb,integer)',
  sql: `
CREATE OR REPLACE FUNCTION coupond_use(request jsonb, transition jsonb, bundle_id text, next jsonb, no_daily_cap integer)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  outcome jsonb;
  bundle_state text;
  stock text := next->'coupon'->>'stock_id';
BEGIN
  BEGIN
    INSERT INTO request_records (mchid, brand_id, api, request_no, fingerprint, status, response, created_at)
    SELECT mchid, brand_id, api, request_no, fingerprint, status, response, created_at
    FROM jsonb_populate_record(NULL::request_records, request)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      SELECT jsonb_build_object('kind', 'EXISTING', 'request', to_jsonb(r)) INTO outcome FROM request_records r
      WHERE r.mchid = request->>'mchid' AND r.brand_id = request->>'brand_id' AND r.api = request->>'api'
        AND r.request_no = request->>'request_no';
      RETURN outcome;
    END IF;
    UPDATE user_coupon_bundles SET used_count = used_count + 1, updated_at = transition->>'updated_at'
    WHERE user_coupon_bundle_id = bundle_id AND used_count + 1 BETWEEN 0 AND total_count
    RETURNING state INTO bundle_state;
    IF NOT FOUND THEN outcome := '{"kind":"STALE"}'; RAISE SQLSTATE 'CP001'; END IF;
    UPDATE user_coupons SET state = transition->>'to', detail = transition->'detail',
      updated_at = transition->>'updated_at'
    WHERE coupon_code = transition->>'coupon_code' AND state = transition->>'from';
    IF NOT FOUND THEN outcome := '{"kind":"STALE"}'; RAISE SQLSTATE 'CP001'; END IF;
    IF next IS NULL THEN RETURN '{"kind":"APPLIED"}'; END IF;
    IF bundle_state <> 'ACTIVE' THEN outcome := '{"kind":"STALE"}'; RAISE SQLSTATE 'CP001'; END IF;

    UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = stock AND total_count < max_count;
    IF NOT FOUND THEN outcome := '{"kind":"REFUSED","counter":"total"}'; RAISE SQLSTATE 'CP001'; END IF;
    INSERT INTO stock_day_counts (stock_id, day, count, cap)
    VALUES (stock, next->>'day', 1, coalesce((next->>'max_count_per_day')::integer, no_daily_cap))
    ON CONFLICT (stock_id, day) DO UPDATE SET count = stock_day_counts.count + 1, cap = excluded.cap
    WHERE stock_day_counts.count < excluded.cap;
    IF NOT FOUND THEN outcome := '{"kind":"REFUSED","counter":"day"}'; RAISE SQLSTATE 'CP001'; END IF;
    INSERT INTO user_counts (stock_id, user_key, count, cap)
    VALUES (stock, next->'coupon'->>'user_key', 1, (next->>'max_count_per_user')::integer)
    ON CONFLICT (stock_id, user_key) DO UPDATE SET count = user_counts.count + 1, cap = excluded.cap
    WHERE user_counts.count < excluded.cap;
    IF NOT FOUND THEN outcome := '{"kind":"REFUSED","counter":"user"}'; RAISE SQLSTATE 'CP001'; END IF;

    INSERT INTO user_coupons (coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id,
      stock_bundle_id, mchid, brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time,
      receive_time, send_request_no, channel, attach, coupon_tag_info, detail, created_at, updated_at)
    SELECT coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id, mchid,
      brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no,
      channel, attach, coupon_tag_info, detail, created_at, updated_at
    FROM jsonb_populate_record(NULL::user_coupons, next->'coupon')
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN outcome := '{"kind":"STALE"}'; RAISE SQLSTATE 'CP001'; END IF;
    INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
    SELECT event_id, mchid, event_type, summary, resource, create_time, next_attempt_at
    FROM jsonb_populate_record(NULL::outbox, next->'event');
    RETURN '{"kind":"APPLIED"}';
  EXCEPTION WHEN SQLSTATE 'CP001' THEN
    RETURN outcome;
  END;
END
$fn$;
`,
};
