import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../src/store/issuance.js';
import type { DeliveryAttempt, DeliveryOutcome, DeliveryRecord } from '../../../src/store/lifecycle.js';
import type { Store } from '../../../src/store/port.js';
import { createCatalog, uid } from '../../fixtures/catalog.js';
import type { StoreContext } from './fixtures.js';
import { iso, issue, pending, recordAttempt } from './lifecycle-fixtures.js';

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
      await recordAttempt(store, first, retryAt(iso(11)), iso(30));
      expect(await store.getDelivery(id)).toEqual({
        ...pending(e!),
        nextAttemptAt: iso(11),
        attempts: 1,
        lastStatus: 500,
      });
      const elsewhere = attempt(other!.eventId, 1, null, iso(2));
      await recordAttempt(store, elsewhere, retryAt(iso(12)), iso(30));
      expect(await store.getDelivery(other!.eventId)).toMatchObject({ attempts: 1, lastError: 'connect ECONNREFUSED' });
      expect(ids(await store.claimDueEvents(iso(10), iso(0), iso(30), 10))).toEqual([]);
      expect(ids(await store.claimDueEvents(iso(11), iso(0), iso(30), 10))).toEqual([id]);

      const second = attempt(id, 2, 200, iso(11));
      await recordAttempt(store, second, delivered(iso(12)), iso(30));
      const done = { ...pending(e!), state: 'DELIVERED', attempts: 2, lastStatus: 200, nextAttemptAt: iso(12) };
      expect(await store.getDelivery(id)).toEqual({ ...done, deliveredAt: iso(12) });
      const late = attempt(id, 3, 503, iso(13));
      expect(await store.beginDeliveryAttempt(late, retryAt(iso(40)), iso(30))).toBe(false);
      await store.finishDeliveryAttempt(late, retryAt(iso(40)));
      expect(await store.getDelivery(id)).toEqual({ ...done, deliveredAt: iso(12) });
      expect(await store.listDeliveryAttempts([id, other!.eventId])).toEqual([first, elsewhere, second]);
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

    it('a begun attempt is stored before its answer: the event shows it unanswered and stays leased (D-37)', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      const id = e!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 10);
      const begun = { ...attempt(id, 1, null, iso(1)), durationMs: 0, error: 'no answer yet' };
      expect(await store.beginDeliveryAttempt(begun, retryAt(iso(11)), iso(30))).toBe(true);
      expect(await store.getDelivery(id)).toEqual({
        ...pending(e!),
        attempts: 1,
        nextAttemptAt: iso(11),
        lastError: 'no answer yet',
        lockedUntil: iso(30),
      });
      expect(await store.listDeliveryAttempts([id])).toEqual([begun]);
      expect(await store.claimDueEvents(iso(11), iso(29), iso(59), 10)).toEqual([]);
      expect(await store.beginDeliveryAttempt({ ...begun, attempt: 2 }, retryAt(iso(25)), iso(30))).toBe(true);
      expect(await store.beginDeliveryAttempt({ ...begun, attempt: 2 }, retryAt(iso(25)), iso(30))).toBe(false);

      const answered = { ...begun, attempt: 2, durationMs: 40, status: 204, error: null, response: '' };
      await store.finishDeliveryAttempt(answered, delivered(iso(2)));
      expect(await store.getDelivery(id)).toEqual({
        ...pending(e!),
        state: 'DELIVERED',
        attempts: 2,
        nextAttemptAt: iso(2),
        deliveredAt: iso(2),
        lastStatus: 204,
      });
      expect(await store.listDeliveryAttempts([id])).toEqual([begun, answered]);
      expect(await store.beginDeliveryAttempt({ ...begun, attempt: 3 }, retryAt(iso(25)), iso(30))).toBe(false);
    });

    it('begins only under the lease it was claimed with, at the next attempt number, while PENDING', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      const id = e!.eventId;
      const first = attempt(id, 1, null, iso(1));
      expect(await store.beginDeliveryAttempt(first, retryAt(iso(11)), iso(30))).toBe(false);
      await store.claimDueEvents(iso(0), iso(0), iso(30), 10);
      expect(await store.beginDeliveryAttempt(first, retryAt(iso(11)), iso(31))).toBe(false);
      expect(await store.beginDeliveryAttempt({ ...first, attempt: 2 }, retryAt(iso(11)), iso(30))).toBe(false);
      expect(await store.getDelivery(id)).toEqual({ ...pending(e!), lockedUntil: iso(30) });
      expect(await store.listDeliveryAttempts([id])).toEqual([]);
    });

    it('finishing an attempt overtaken by a redelivery and a newer attempt completes only its own row', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      const id = e!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 10);
      const slow = attempt(id, 1, null, iso(1));
      expect(await store.beginDeliveryAttempt(slow, retryAt(iso(11)), iso(30))).toBe(true);
      await store.redeliver(id, iso(2));
      await store.claimDueEvents(iso(2), iso(2), iso(32), 10);
      const quick = attempt(id, 2, 204, iso(2));
      await recordAttempt(store, quick, delivered(iso(3)), iso(32));
      const slowAnswer = { ...slow, durationMs: 4000, status: 500, error: null, response: 'busy' };
      await store.finishDeliveryAttempt(slowAnswer, retryAt(iso(11)));
      expect(await store.getDelivery(id)).toMatchObject({ state: 'DELIVERED', attempts: 2, lastStatus: 204 });
      expect(await store.listDeliveryAttempts([id])).toEqual([slowAnswer, quick]);
    });

    it('merchants take turns, each capped by the leases it already holds (D-36)', async () => {
      const { store } = ctx;
      const a = await events(store, [iso(0), iso(1), iso(2), iso(3), iso(4)], '1900000101');
      const [b] = await events(store, [iso(9)], '1900000102');
      const c = await events(store, [iso(5), iso(6)], '1900000103');
      const first = await store.claimDueEvents(iso(10), iso(0), iso(30), 5, 2);
      expect(ids(first)).toEqual([a[0], c[0], b, a[1], c[1]].map((x) => x!.eventId));
      expect(first.every((d) => d.lockedUntil === iso(30))).toBe(true);
      expect(await store.claimDueEvents(iso(10), iso(0), iso(30), 5, 2)).toEqual([]);
      expect(ids(await store.claimDueEvents(iso(10), iso(0), iso(30), 5, 3))).toEqual([a[2]!.eventId]);
      await recordAttempt(store, attempt(a[0]!.eventId, 1, 204, iso(1)), delivered(iso(1)), iso(30));
      expect(ids(await store.claimDueEvents(iso(10), iso(0), iso(30), 5, 3))).toEqual([a[3]!.eventId]);
      expect(ids(await store.claimDueEvents(iso(10), iso(30), iso(60), 1, 3))).toEqual([a[1]!.eventId]);
    });

    it('concurrent capped claims never lease one merchant more than its cap', async () => {
      const { store } = ctx;
      const a = await events(
        store,
        Array.from({ length: 30 }, (_, n) => iso(n % 5)),
        '1900000111',
      );
      const b = await events(
        store,
        Array.from({ length: 30 }, (_, n) => iso(n % 5)),
        '1900000112',
      );
      const batches = await Promise.all(
        Array.from({ length: 8 }, () => store.claimDueEvents(iso(10), iso(0), iso(60), 4, 3)),
      );
      const claimed = new Set(batches.flatMap(ids));
      expect(claimed.size).toBe(batches.flat().length);
      expect(a.filter((e) => claimed.has(e.eventId))).toHaveLength(3);
      expect(b.filter((e) => claimed.has(e.eventId))).toHaveLength(3);
    });

    it('a FAILED delivery is kept; redeliver makes it PENDING and due, lease freed, attempts kept', async () => {
      const { store } = ctx;
      const [e] = await events(store, [iso(0)]);
      const id = e!.eventId;
      await store.claimDueEvents(iso(0), iso(0), iso(30), 1);
      await recordAttempt(store, attempt(id, 1, 500, iso(0)), { ...retryAt(iso(5)), state: 'FAILED' }, iso(30));
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
      await recordAttempt(store, attempt(id, 1, 204, iso(1)), delivered(iso(1)), iso(30));
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
