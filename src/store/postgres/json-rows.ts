import type { OutboxEvent, UserCouponRecord } from '../issuance.js';
import {
  OUTBOX_EVENT_COLUMNS,
  outboxEventValues,
  USER_COUPON_COLUMNS,
  userCouponValues,
} from '../rows/issuance-values.js';

/**
 * A row as a JSON object keyed by column, from an insert's column list and values, for the server-side functions
 * that read rows with `jsonb_populate_record`. JSON columns are given as values in `json`, not as text.
 */
export function rowObject(columns: string, values: unknown[], json: Record<string, unknown> = {}) {
  const row: Record<string, unknown> = {};
  for (const [n, column] of columns.split(', ').entries()) row[column] = values[n];
  return Object.assign(row, json);
}

export const couponObject = (coupon: UserCouponRecord) =>
  rowObject(USER_COUPON_COLUMNS, userCouponValues(coupon), {
    coupon_tag_info: coupon.couponTagInfo ?? undefined,
    detail: coupon.detail,
  });

export const eventObject = (event: OutboxEvent) =>
  rowObject(OUTBOX_EVENT_COLUMNS, outboxEventValues(event), { resource: event.resource });
