import type { Guarded, RequestRecord } from '../catalog.js';
import type { LifecycleOutcome, UseCommand } from '../lifecycle.js';
import { NO_DAILY_CAP } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import { type Row, recordMappers } from '../typed/records.js';
import type { Database, Prepared } from './database.js';
import { rowObject } from './json-rows.js';

const toRequest = recordMappers(false)('request_records');

type UseOutcome = LifecycleOutcome | { kind: 'EXISTING'; request: Row };

const USE: Prepared = { name: 'use', text: 'SELECT coupond_use($1::jsonb, $2::jsonb, $3, $4::jsonb, $5) AS outcome' };

/**
 * 核销 on PostgreSQL as one call of `coupond_use` (migration 85, D-55): the request record, the transition,
 * `used_count + 1` and, with `next`, stock #k+1's counters (`NEXT_ROUND_COUNTERS` order), coupon #k+1 and its SEND
 * event commit together or not at all.
 */
export async function useInOneCall(
  db: Database,
  request: RequestRecord,
  command: UseCommand,
): Promise<Guarded<LifecycleOutcome>> {
  if (command.next?.fromPool) return useWithPoolCode(db, request, command);
  const [row] = await db.call<{ outcome: UseOutcome | null }>(USE, useArguments(request, command));
  return guardedOf(request, row?.outcome);
}

/**
 * An UPLOAD-mode next round (D-87): the code is taken from stock #k+1's pool (`coupond_take_code`, D-86) and the use
 * made in one transaction; an empty pool makes the use go ahead without a next round. Any outcome but APPLIED gives
 * the code back.
 */
function useWithPoolCode(db: Database, request: RequestRecord, command: UseCommand) {
  return db.tx<Guarded<LifecycleOutcome>>(async (c, rollback) => {
    const taken = await c.query<{ code: string | null }>('SELECT coupond_take_code($1) AS code', [
      command.next!.coupon.stockId,
    ]);
    const code = taken.rows[0]?.code ?? null;
    const next = code === null ? null : withCode(command.next!, code);
    const { rows } = await c.query<{ outcome: UseOutcome | null }>({
      ...USE,
      values: useArguments(request, { ...command, next }),
    });
    const result = guardedOf(request, rows[0]?.outcome);
    return result.ran && result.value.kind === 'APPLIED' ? result : rollback(result);
  });
}

function guardedOf(request: RequestRecord, outcome: UseOutcome | null | undefined): Guarded<LifecycleOutcome> {
  if (!outcome) throw new Error(`request record ${request.api} ${request.requestNo} vanished`);
  if (outcome.kind === 'EXISTING') return { ran: false, existing: toRequest(outcome.request) };
  return { ran: true, value: outcome };
}

function useArguments(request: RequestRecord, command: UseCommand): unknown[] {
  const { transition: t, userCouponBundleId, next } = command;
  return [
    JSON.stringify(rowObject('request_records', request)),
    JSON.stringify({ coupon_code: t.couponCode, from: t.from, to: t.to, detail: t.detail, updated_at: t.updatedAt }),
    userCouponBundleId,
    next
      ? JSON.stringify({
          coupon: rowObject('user_coupons', next.coupon),
          event: rowObject('outbox', next.event),
          day: next.day,
          max_count_per_user: next.maxCountPerUser,
          max_count_per_day: next.maxCountPerDay,
        })
      : null,
    NO_DAILY_CAP,
  ];
}
