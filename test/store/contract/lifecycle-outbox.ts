import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../src/store/issuance.js';
import type { DeliveryAttempt, DeliveryOutcome, DeliveryRecord } from '../../../src/store/lifecycle.js';
import type { Store } from '../../../src/store/port.js';
import { createCatalog, type StoreContext, uid } from './fixtures.js';
import { iso, issue, pending } from './lifecycle-fixtures.js';

/** Issues one bundle per due time; returns their SEND events in that order. */
async function events(store: Store, dueAt: string[], mchid?: string): Promise<OutboxEvent[]> {
  const catalog = await createCatalog(store, { maxCount: 1000 });
  const out: OutboxEvent[] = [];
  for (const nextAttemptAt of dueAt)
    out.push((await issue(store, catalog, { event: { nextAttemptAt, ...(mchid ? { mchid } : {}) } })).command.event);
  return out;
}

function attempt(eventId: string, n: number, status: number | null, startedAt: string): DeliveryAttempt {
  return {
    eventId,
    attempt: n,
    url: 'https://merchant.example.com/notify',
    requestId: uid('rid'),
    startedAt,
    durationMs: 12,
    status,
    error: status === null ? 'connect ECONNREFUSED' : null,
    response: status === null ? null : `{"status":${status}}`,
  };
}

const retryAt = (nextAttemptAt: string): DeliveryOutcome => ({ state: 'PENDING', nextAttemptAt, deliveredAt: null });
const delivered = (at: string): DeliveryOutcome => ({ state: 'DELIVERED', nextAttemptAt: at, deliveredAt: at });
const ids = (records: DeliveryRecord[]) => records.map((r) => r.eventId);

/** Callback delivery (D-16): leases shared by instances, attempts, the webhook log and redelivery (D-20). */
export function lifecycleOutboxContract(ctx: StoreContext): void {
  describe('outbox delivery', () => {
    it('an issued event is PENDING with no attempts', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      expect(await store.getDelivery(e!.eventId)).toEqual(pending(e!));
      expect(await store.getDelivery('no-such-event')).toBeNull();
    });

    it('leases due events earliest first, up to the limit; a leased event is not claimed again', async () => {
      const { store } = ctx;
      const [late, early, future, middle] = await events(store, [iso(20), iso(0), iso(100), iso(10)]);
      const claimed = await store.claimDueEvents(iso(30), iso(0), iso(60), 2);
      expect(claimed).toEqual([early, middle].map((e) => ({ ...pending(e!), lockedUntil: iso(60) })));
      expect(await store.getDelivery(early!.eventId)).toEqual({ ...pending(early!), lockedUntil: iso(60) });
      expect(ids(await store.claimDueEvents(iso(30), iso(1), iso(61), 10))).toEqual([late!.eventId]);
      expect(await store.claimDueEvents(iso(30), iso(59), iso(120), 10)).toEqual([]);
      expect(await store.getDelivery(future!.eventId)).toEqual(pending(future!));
    });

    it('an expired lease is claimable again, from the instant it ends', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      expect(ids(await store.claimDueEvents(iso(0), iso(0), iso(30), 5))).toEqual([e!.eventId]);
      expect(await store.claimDueEvents(iso(0), iso(29), iso(59), 5)).toEqual([]);
      const again = await store.claimDueEvents(iso(0), iso(30), iso(60), 5);
      expect(again).toEqual([{ ...pending(e!), lockedUntil: iso(60) }]);
    });

    it('concurrent claims never return the same event', async () => {
      const { store } = ctx;
      const all = await events(
        store,
        Array.from({ length: 40 }, (_, n) => iso(n % 7)),
      );
      const batches = await Promise.all(
        Array.from({ length: 8 }, () => store.claimDueEvents(iso(10), iso(0), iso(60), 6)),
      );
      const claimed = batches.flatMap(ids);
      expect(new Set(claimed).size).toBe(claimed.length);
      const rest = ids(await store.claimDueEvents(iso(10), iso(0), iso(60), 100));
      expect(new Set([...claimed, ...rest]).size).toBe(claimed.length + rest.length);
      expect(new Set([...claimed, ...rest])).toEqual(new Set(all.map((e) => e.eventId)));
    });

    it('records attempts in order; an answered attempt ends the delivery, a late one changes nothing', async () => {
      const { store } = ctx;
      const [e, other] = await events(store, [iso(0), iso(0)]);
      const id = e!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 10);
      const first = attempt(id, 1, 500, iso(1));
      await store.recordDeliveryAttempt(first, retryAt(iso(11)));
      expect(await store.getDelivery(id)).toEqual({
        ...pending(e!),
        nextAttemptAt: iso(11),
        attempts: 1,
        lastStatus: 500,
      });
      const elsewhere = attempt(other!.eventId, 1, null, iso(2));
      await store.recordDeliveryAttempt(elsewhere, retryAt(iso(12)));
      expect(await store.getDelivery(other!.eventId)).toMatchObject({ attempts: 1, lastError: 'connect ECONNREFUSED' });
      expect(ids(await store.claimDueEvents(iso(10), iso(0), iso(30), 10))).toEqual([]);
      expect(ids(await store.claimDueEvents(iso(11), iso(0), iso(30), 10))).toEqual([id]);

      const second = attempt(id, 2, 200, iso(11));
      await store.recordDeliveryAttempt(second, delivered(iso(12)));
      const done = { ...pending(e!), state: 'DELIVERED', attempts: 2, lastStatus: 200, nextAttemptAt: iso(12) };
      expect(await store.getDelivery(id)).toEqual({ ...done, deliveredAt: iso(12) });
      const late = attempt(id, 2, 503, iso(13));
      await store.recordDeliveryAttempt(late, retryAt(iso(40)));
      expect(await store.getDelivery(id)).toEqual({ ...done, deliveredAt: iso(12) });
      expect(await store.listDeliveryAttempts([id, other!.eventId])).toEqual([first, elsewhere, second, late]);
      expect(await store.listDeliveryAttempts([other!.eventId])).toEqual([elsewhere]);
      expect(await store.listDeliveryAttempts([])).toEqual([]);
      expect(await store.claimDueEvents(iso(100), iso(100), iso(130), 10)).toEqual([
        {
          ...pending(other!),
          attempts: 1,
          nextAttemptAt: iso(12),
          lastError: 'connect ECONNREFUSED',
          lockedUntil: iso(130),
        },
      ]);
    });

    it('a FAILED delivery is kept; redeliver makes it PENDING and due, lease freed, attempts kept', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      const id = e!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 1);
      await store.recordDeliveryAttempt(attempt(id, 1, 500, iso(0)), { ...retryAt(iso(5)), state: 'FAILED' });
      const failed = { ...pending(e!), state: 'FAILED', attempts: 1, lastStatus: 500, nextAttemptAt: iso(5) };
      expect(await store.getDelivery(id)).toEqual(failed);
      expect(await store.claimDueEvents(iso(100), iso(100), iso(130), 10)).toEqual([]);
      expect(await store.redeliver(id, iso(200))).toEqual({ ...failed, state: 'PENDING', nextAttemptAt: iso(200) });
      expect(await store.claimDueEvents(iso(199), iso(100), iso(130), 10)).toEqual([]);
      expect(ids(await store.claimDueEvents(iso(200), iso(100), iso(130), 10))).toEqual([id]);
      expect(await store.redeliver(id, iso(300))).toMatchObject({ state: 'PENDING', lockedUntil: null, attempts: 1 });
      expect(await store.redeliver('no-such-event', iso(0))).toBeNull();
    });

    it('lists deliveries newest first with the total, by state and merchant, one page at a time', async () => {
      const { store } = ctx;
      const mine = await events(store, [iso(0), iso(0), iso(0)]);
      const theirs = await events(store, [iso(0)], '1900000099');
      const newestFirst = [...mine, ...theirs].reverse().map((e) => e.eventId);
      const all = await store.listDeliveries({ offset: 0, limit: 10 });
      expect(all.total).toBe(4);
      expect(ids(all.deliveries)).toEqual(newestFirst);
      const page = await store.listDeliveries({ offset: 1, limit: 2 });
      expect({ ids: ids(page.deliveries), total: page.total }).toEqual({ ids: newestFirst.slice(1, 3), total: 4 });
      const byMerchant = await store.listDeliveries({ mchid: '1900000099', offset: 0, limit: 10 });
      expect(byMerchant).toEqual({ deliveries: [pending(theirs[0]!)], total: 1 });
      const id = mine[0]!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 10);
      await store.recordDeliveryAttempt(attempt(id, 1, 204, iso(1)), delivered(iso(1)));
      const done = await store.listDeliveries({ state: 'DELIVERED', offset: 0, limit: 10 });
      expect({ ids: ids(done.deliveries), total: done.total }).toEqual({ ids: [id], total: 1 });
      const waiting = await store.listDeliveries({ state: 'PENDING', mchid: mine[0]!.mchid, offset: 0, limit: 10 });
      expect(waiting.total).toBe(2);
      expect(await store.listDeliveries({ state: 'FAILED', offset: 0, limit: 10 })).toEqual({
        deliveries: [],
        total: 0,
      });
    });
  });
}
