import type { PostgresFunction } from '../../migration.js';

/**
 * The issuance transaction as one server-side call (D-50): `coupond_issue(claims, no_daily_cap)` issues a batch of
 * bundles in order, each in its own subtransaction, and returns one outcome per claim. `coupond_issue_claims` runs
 * the claims against the stock counters as `coupond_issue_budget` read them, taking units in memory; the batch then
 * locks its stock rows (in stock_id order), checks that the units still fit, and writes each changed counter once
 * (D-127). When they do not fit, the attempt is undone and the claims run again with the locks held from the start.
 * Two batches waiting for each other's per-user counter or request number (the same user or number in both, on
 * different instances) is a deadlock that PostgreSQL breaks after `deadlock_timeout` by failing one claim, reported
 * `RETRY`, or one whole call: either is sent again.
 *
 * A claim carrying `from_pool` takes its coupon code with `coupond_take_code` after the stock's counters, writes that
 * code into coupon #0 and its SEND event, and reports it with `ISSUED`; an empty pool refuses it with `NO_CODES`
 * (D-86). A claim whose coupon code names a user coupon already answers `CODE_TAKEN` and writes nothing (D-101).
 */
export const issueFunction: PostgresFunction = {
  signature: 'coupond_issue(jsonb,integer)',
  sql: `
CREATE OR REPLACE FUNCTION coupond_issue_budget(claims jsonb, no_daily_cap integer, locked boolean)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  s record;
  budget jsonb := '{}'::jsonb;
BEGIN
  IF locked THEN
    PERFORM stock_id FROM stocks WHERE stock_id IN (SELECT DISTINCT e->>'stock_id' FROM jsonb_array_elements(claims) e)
      ORDER BY stock_id FOR NO KEY UPDATE;
  END IF;
  FOR s IN SELECT stock_id, state, total_count, max_count, coalesce(max_count_per_day, no_daily_cap) AS day_cap,
    max_count_per_user
    FROM stocks WHERE stock_id IN (SELECT DISTINCT e->>'stock_id' FROM jsonb_array_elements(claims) e) LOOP
    budget := budget || jsonb_build_object(s.stock_id, jsonb_build_object('state', s.state,
      'left', s.max_count - s.total_count, 'taken', 0, 'day_cap', s.day_cap, 'user_cap', s.max_count_per_user));
  END LOOP;
  RETURN budget;
END
$fn$;

CREATE OR REPLACE FUNCTION coupond_issue_claims(claims jsonb, budget jsonb, optimistic boolean)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  c jsonb;
  i jsonb;
  stock text;
  days jsonb := '{}'::jsonb;
  hours jsonb := '{}'::jsonb;
  hour_key text;
  day_key text;
  day_count integer;
  refusal text;
  code text;
  violated text;
  outcome jsonb;
  outcomes jsonb[] := '{}';
BEGIN
  FOR c IN SELECT e FROM jsonb_array_elements(claims) e LOOP
    i := c->'issuance';
    stock := c->>'stock_id';
    outcome := NULL;
    refusal := NULL;
    BEGIN
      INSERT INTO issuances (mchid, brand_id, send_request_no, channel, openid, appid, user_key, product_coupon_id,
        stock_bundle_id, attach, fingerprint, user_coupon_bundle_id, created_at)
      SELECT mchid, brand_id, send_request_no, channel, openid, appid, user_key, product_coupon_id,
        stock_bundle_id, attach, fingerprint, user_coupon_bundle_id, created_at
      FROM jsonb_populate_record(NULL::issuances, i)
      ON CONFLICT (mchid, brand_id, send_request_no) DO NOTHING;
      IF NOT FOUND THEN
        SELECT jsonb_build_object('kind', 'EXISTING', 'issuance', to_jsonb(r)) INTO outcome FROM issuances r
        WHERE r.mchid = i->>'mchid' AND r.brand_id = i->>'brand_id' AND r.send_request_no = i->>'send_request_no';
      ELSE
        IF budget->stock->>'state' IS DISTINCT FROM 'SENDING' THEN
          IF optimistic THEN RAISE SQLSTATE 'CP002'; END IF;
          outcome := jsonb_build_object('kind', 'NOT_AVAILABLE', 'state', budget->stock->>'state');
          RAISE SQLSTATE 'CP001';
        END IF;
        INSERT INTO user_counts (stock_id, user_key, count, cap)
        VALUES (stock, i->>'user_key', 1, (budget->stock->>'user_cap')::integer)
        ON CONFLICT (stock_id, user_key) DO UPDATE SET count = user_counts.count + 1, cap = excluded.cap
        WHERE user_counts.count < excluded.cap;
        IF NOT FOUND THEN
          refusal := 'USER_LIMIT_REACHED';
        ELSIF (budget->stock->>'taken')::integer >= (budget->stock->>'left')::integer THEN
          refusal := 'SOLD_OUT';
        ELSE
          day_key := jsonb_build_array(stock, c->>'day')::text;
          day_count := (days->day_key->>'count')::integer;
          IF day_count IS NULL THEN
            SELECT d.count INTO day_count FROM stock_day_counts d WHERE d.stock_id = stock AND d.day = c->>'day';
            days := days || jsonb_build_object(day_key, jsonb_build_object('count', coalesce(day_count, 0), 'taken', 0));
            day_count := coalesce(day_count, 0);
          END IF;
          IF day_count + (days->day_key->>'taken')::integer >= (budget->stock->>'day_cap')::integer THEN
            refusal := 'DAILY_SOLD_OUT';
          END IF;
        END IF;
        IF optimistic AND refusal IN ('SOLD_OUT', 'DAILY_SOLD_OUT') THEN RAISE SQLSTATE 'CP002'; END IF;
        code := NULL;
        IF refusal IS NULL AND c ? 'from_pool' THEN
          code := coupond_take_code(stock);
          IF code IS NULL THEN
            refusal := 'NO_CODES';
          ELSE
            c := jsonb_set(jsonb_set(c, '{coupon,coupon_code}', to_jsonb(code)), '{event,resource,coupon_code}',
              to_jsonb(code));
          END IF;
        END IF;
        IF refusal IS NOT NULL THEN
          outcome := jsonb_build_object('kind', refusal);
          RAISE SQLSTATE 'CP001';
        END IF;

        INSERT INTO user_coupon_bundles (user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id,
          openid, appid, user_key, send_request_no, channel, attach, total_count, used_count, state, created_at,
          updated_at)
        SELECT user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id, openid, appid, user_key,
          send_request_no, channel, attach, total_count, used_count, state, created_at, updated_at
        FROM jsonb_populate_record(NULL::user_coupon_bundles, c->'bundle');
        INSERT INTO user_coupons (coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id,
          stock_bundle_id, mchid, brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time,
          receive_time, send_request_no, channel, attach, coupon_tag_info, detail, created_at, updated_at)
        SELECT coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id, mchid,
          brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no,
          channel, attach, coupon_tag_info, detail, created_at, updated_at
        FROM jsonb_populate_record(NULL::user_coupons, c->'coupon');
        INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
        SELECT event_id, mchid, event_type, summary, resource, create_time, next_attempt_at
        FROM jsonb_populate_record(NULL::outbox, c->'event');
        IF c->>'token_hash' IS NOT NULL THEN
          UPDATE tokens SET claimed_at = i->>'created_at' WHERE token_hash = c->>'token_hash' AND claimed_at IS NULL;
          IF NOT FOUND THEN
            outcome := jsonb_build_object('kind', 'ERROR', 'message',
              'token unknown or already claimed: issuance refused (D-12)');
            RAISE SQLSTATE 'CP001';
          END IF;
        END IF;
        outcome := CASE WHEN code IS NULL THEN '{"kind":"ISSUED"}'::jsonb
          ELSE jsonb_build_object('kind', 'ISSUED', 'coupon_code', code) END;
        budget := jsonb_set(budget, ARRAY[stock, 'taken'], to_jsonb((budget->stock->>'taken')::integer + 1));
        days := jsonb_set(days, ARRAY[day_key, 'taken'], to_jsonb((days->day_key->>'taken')::integer + 1));
        hour_key := jsonb_build_array(c->'coupon'->>'product_coupon_id', left(c->'coupon'->>'created_at', 13),
          hashtext(c->'coupon'->>'coupon_code') & 15)::text;
        hours := hours || jsonb_build_object(hour_key, coalesce((hours->>hour_key)::integer, 0) + 1);
      END IF;
    EXCEPTION
      WHEN SQLSTATE 'CP001' THEN NULL;
      WHEN deadlock_detected OR serialization_failure OR lock_not_available THEN
        outcome := jsonb_build_object('kind', 'RETRY', 'code', SQLSTATE, 'message', SQLERRM);
      WHEN unique_violation THEN
        GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
        outcome := CASE WHEN violated = 'user_coupons_pkey' THEN '{"kind":"CODE_TAKEN"}'::jsonb
          ELSE jsonb_build_object('kind', 'ERROR', 'code', SQLSTATE, 'message', SQLERRM) END;
      WHEN SQLSTATE 'CP002' THEN RAISE;
      WHEN OTHERS THEN
        outcome := jsonb_build_object('kind', 'ERROR', 'code', SQLSTATE, 'message', SQLERRM);
    END;
    outcomes := outcomes || outcome;
  END LOOP;
  RETURN jsonb_build_object('outcomes', to_jsonb(outcomes), 'budget', budget, 'days', days, 'hours', hours);
END
$fn$;

CREATE OR REPLACE FUNCTION coupond_issue(claims jsonb, no_daily_cap integer) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  run jsonb;
  now_budget jsonb;
BEGIN
  PERFORM set_config('coupond.hours_by_batch', 'on', true);
  BEGIN
    run := coupond_issue_claims(claims, coupond_issue_budget(claims, no_daily_cap, false), true);
    now_budget := coupond_issue_budget(claims, no_daily_cap, true);
    IF EXISTS (SELECT 1 FROM jsonb_each(run->'budget') b, LATERAL (SELECT now_budget->b.key AS now) n
        WHERE (b.value->>'taken')::integer > 0 AND ((n.now->>'state') IS DISTINCT FROM 'SENDING'
          OR (b.value->>'taken')::integer > (n.now->>'left')::integer
          OR (n.now->'user_cap') IS DISTINCT FROM (b.value->'user_cap')))
      OR EXISTS (SELECT 1 FROM jsonb_each(run->'days') d, LATERAL (SELECT d.key::jsonb AS k) day_of
        WHERE (d.value->>'taken')::integer > 0 AND (d.value->>'taken')::integer + coalesce((SELECT c.count
          FROM stock_day_counts c WHERE c.stock_id = k->>0 AND c.day = k->>1), 0)
          > (now_budget->(k->>0)->>'day_cap')::integer) THEN
      RAISE SQLSTATE 'CP002';
    END IF;
  EXCEPTION WHEN SQLSTATE 'CP002' THEN
    run := coupond_issue_claims(claims, coupond_issue_budget(claims, no_daily_cap, true), false);
  END;

  UPDATE stocks SET total_count = total_count + (b.value->>'taken')::integer
  FROM jsonb_each(run->'budget') b WHERE stocks.stock_id = b.key AND (b.value->>'taken')::integer > 0;
  INSERT INTO stock_day_counts (stock_id, day, count, cap)
  SELECT k->>0, k->>1, (d.value->>'taken')::integer, (run->'budget'->(k->>0)->>'day_cap')::integer
  FROM jsonb_each(run->'days') d, LATERAL (SELECT d.key::jsonb AS k) day_of
  WHERE (d.value->>'taken')::integer > 0
  ON CONFLICT (stock_id, day) DO UPDATE SET count = stock_day_counts.count + excluded.count, cap = excluded.cap;
  INSERT INTO issuance_hours (product_coupon_id, hour, slot, count)
  SELECT k->>0, k->>1, (k->>2)::integer, h.value::integer
  FROM jsonb_each_text(run->'hours') h, LATERAL (SELECT h.key::jsonb AS k) hour_of ORDER BY h.key
  ON CONFLICT (product_coupon_id, hour, slot) DO UPDATE SET count = issuance_hours.count + excluded.count;
  PERFORM set_config('coupond.hours_by_batch', 'off', true);
  RETURN run->'outcomes';
END
$fn$;
`,
};
