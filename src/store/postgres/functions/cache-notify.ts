import type { PostgresFunction } from '../../migration.js';

/** Tables whose every change matters to the caches: one notification per statement. */
export const WHOLE_TABLES = [
  'merchants',
  'merchant_keys',
  'brands',
  'brand_authorizations',
  'appids',
  'unionids',
  'product_coupons',
  'stock_bundles',
] as const;

const statementTrigger = (table: string) =>
  `CREATE OR REPLACE TRIGGER ${table}_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION coupond_cache_notify();`;

/**
 * Cache invalidation across instances (D-52): every change to a table that instances cache sends the table's name
 * on the channel `coupond_cache.<schema>`, delivered to every listening instance when the change commits. Stocks
 * and day counters change on every issuance, so they notify only when what the cache keeps changes: state,
 * caps, data, or a counter reaching its cap (sold out, or sold out for the day).
 */
export const cacheNotifyFunction: PostgresFunction = {
  signature: 'coupond_cache_notify()',
  sql: `
CREATE OR REPLACE FUNCTION coupond_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('coupond_cache.' || TG_TABLE_SCHEMA, TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;

${WHOLE_TABLES.map(statementTrigger).join('\n')}
CREATE OR REPLACE TRIGGER stocks_cache_rows AFTER INSERT OR DELETE OR TRUNCATE ON stocks
  FOR EACH STATEMENT EXECUTE FUNCTION coupond_cache_notify();
CREATE OR REPLACE TRIGGER stocks_cache AFTER UPDATE ON stocks FOR EACH ROW
  WHEN ((OLD.state, OLD.max_count, OLD.max_count_per_user, OLD.max_count_per_day, OLD.data, OLD.deactivation,
         OLD.updated_at)
        IS DISTINCT FROM (NEW.state, NEW.max_count, NEW.max_count_per_user, NEW.max_count_per_day, NEW.data,
         NEW.deactivation, NEW.updated_at)
     OR (OLD.total_count >= OLD.max_count) <> (NEW.total_count >= NEW.max_count))
  EXECUTE FUNCTION coupond_cache_notify();
CREATE OR REPLACE TRIGGER stock_day_counts_cache AFTER INSERT OR UPDATE ON stock_day_counts FOR EACH ROW
  WHEN (NEW.count >= NEW.cap) EXECUTE FUNCTION coupond_cache_notify();
CREATE OR REPLACE TRIGGER stock_day_counts_cache_rows AFTER DELETE OR TRUNCATE ON stock_day_counts
  FOR EACH STATEMENT EXECUTE FUNCTION coupond_cache_notify();
CREATE OR REPLACE TRIGGER coupon_code_counts_cache AFTER UPDATE ON coupon_code_counts FOR EACH ROW
  WHEN (NEW.available_count = 0 OR NEW.total_count <> OLD.total_count)
  EXECUTE FUNCTION coupond_cache_notify();
CREATE OR REPLACE TRIGGER coupon_code_counts_cache_rows AFTER INSERT OR DELETE OR TRUNCATE ON coupon_code_counts
  FOR EACH STATEMENT EXECUTE FUNCTION coupond_cache_notify();
`,
};
