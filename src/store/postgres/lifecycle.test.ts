import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, request } from '../../../test/fixtures/catalog.js';
import { iso, issue, transition } from '../../../test/store/contract/lifecycle-fixtures.js';
import {
  dropSchema,
  openTestDatabase,
  postgresReachable,
  randomSchema,
  TEST_DATABASE_URL,
} from '../../../test/store/postgres-database.js';
import { migrationsFor } from '../migrations/index.js';
import type { Store } from '../port.js';
import { openDatabase } from './database.js';
import { createPostgresStore } from './index.js';
import { migrate } from './migrate.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

/** What only PostgreSQL can show: instances with their own pools, and rows locked by open transactions. */
describe.skipIf(!(await postgresReachable()))('postgres lifecycle across instances', () => {
  let t: TestDb;
  let instances: Store[];
  beforeAll(async () => {
    t = await openTestDatabase();
    instances = await Promise.all(
      [0, 1, 2].map(() => createPostgresStore(TEST_DATABASE_URL, { schema: t.schema, poolSize: 4 })),
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map((s) => s.close()));
    await t.close();
  });

  /** Runs `during` while another connection holds row locks on the given outbox events or coupons. */
  async function whileLocked<T>(table: 'outbox' | 'user_coupons', keys: string[], during: () => Promise<T>) {
    const column = table === 'outbox' ? 'event_id' : 'coupon_code';
    const client = await t.db.maintenanceClient();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT 1 FROM ${table} WHERE ${column} = ANY($1) FOR UPDATE`, [keys]);
      return await during();
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  }

  it('three instances claiming together lease every due event exactly once', async () => {
    const [a] = instances;
    const catalog = await createCatalog(a!, { maxCount: 1000 });
    const events = [];
    for (let n = 0; n < 60; n++)
      events.push((await issue(a!, catalog, { event: { nextAttemptAt: iso(n % 5) } })).command.event);
    const batches = await Promise.all(
      Array.from({ length: 12 }, (_, n) => instances[n % 3]!.claimDueEvents(iso(10), iso(0), iso(60), 7)),
    );
    const claimed = batches.flat().map((d) => d.eventId);
    const rest = (await a!.claimDueEvents(iso(10), iso(0), iso(60), 100)).map((d) => d.eventId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed, ...rest].sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('three instances claiming together never lease one merchant more than its cap (D-36)', async () => {
    const catalog = await createCatalog(instances[0]!, { maxCount: 1000 });
    const merchants = ['1900000201', '1900000202', '1900000203'];
    const owner = new Map<string, string>();
    for (let n = 0; n < 60; n++) {
      const mchid = merchants[n % 3]!;
      const { event } = (await issue(instances[0]!, catalog, { event: { nextAttemptAt: iso(n % 5), mchid } })).command;
      owner.set(event.eventId, mchid);
    }
    const leasedPer = (claimed: string[]) => merchants.map((m) => claimed.filter((id) => owner.get(id) === m).length);
    const batches = await Promise.all(
      Array.from({ length: 12 }, (_, n) => instances[n % 3]!.claimDueEvents(iso(10), iso(0), iso(60), 7, 4)),
    );
    const claimed = batches.flat().map((d) => d.eventId);
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const count of leasedPer(claimed)) expect(count).toBeLessThanOrEqual(4);
    const topUp = await instances[1]!.claimDueEvents(iso(10), iso(0), iso(60), 100, 4);
    expect(leasedPer([...claimed, ...topUp.map((d) => d.eventId)])).toEqual([4, 4, 4]);
    expect(await instances[2]!.claimDueEvents(iso(10), iso(0), iso(60), 100)).toHaveLength(60 - 12);
  });

  it('a claim skips events another transaction holds instead of waiting for it', async () => {
    const [a, b] = instances;
    const catalog = await createCatalog(a!, { maxCount: 1000 });
    const held = (await issue(a!, catalog, { event: { nextAttemptAt: iso(1000) } })).command.event;
    const free = (await issue(a!, catalog, { event: { nextAttemptAt: iso(1001) } })).command.event;
    const claimed = await whileLocked('outbox', [held.eventId], () =>
      b!.claimDueEvents(iso(1001), iso(0), iso(60), 10),
    );
    expect(claimed.map((d) => d.eventId)).toEqual([free.eventId]);
    expect((await a!.claimDueEvents(iso(1001), iso(0), iso(60), 10)).map((d) => d.eventId)).toEqual([held.eventId]);
  });

  it('the sweep skips coupons a lifecycle transaction holds and moves them on a later pass', async () => {
    const [a, b] = instances;
    const ended = { validBeginTime: '2026-01-01T00:00:00+08:00', validEndTime: '2026-03-01T09:00:00+08:00' };
    const held = (await issue(a!, {}, { coupon: ended })).coupon;
    const free = (await issue(a!, {}, { coupon: ended })).coupon;
    for (const c of [held, free]) await a!.confirmUserCoupon(request('confirm'), transition(c, 'EFFECTIVE'));
    const now = new Date('2026-03-01T10:00:00+08:00');
    await whileLocked('user_coupons', [held.couponCode], () => b!.advanceCouponStates(now, 100));
    expect((await a!.getUserCoupon(free.couponCode))?.state).toBe('EXPIRED');
    expect((await a!.getUserCoupon(held.couponCode))?.state).toBe('EFFECTIVE');
    await b!.advanceCouponStates(now, 100);
    expect((await a!.getUserCoupon(held.couponCode))?.state).toBe('EXPIRED');
  });

  it('an upgraded database numbers the outbox rows it had, so the webhook log lists them newest first', async () => {
    const schema = randomSchema();
    const db = openDatabase(TEST_DATABASE_URL, { schema });
    try {
      const before = migrationsFor('postgres').filter((m) => m.version < 5);
      await migrate(db, before, []);
      for (const id of ['ev-a', 'ev-b', 'ev-c'])
        await db.query(
          `INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
           VALUES ($1, '1900000001', 'PRODUCT_COUPON_SP.SEND', 's', '{}', $2, $2)`,
          [id, iso(0)],
        );
      expect(await migrate(db)).toEqual(
        migrationsFor('postgres')
          .filter((m) => m.version >= 5)
          .map((m) => m.version),
      );
      const store = await createPostgresStore(TEST_DATABASE_URL, { schema });
      const { deliveries } = await store.listDeliveries({ offset: 0, limit: 10 });
      await store.close();
      expect(deliveries.map((d) => d.eventId)).toEqual(['ev-c', 'ev-b', 'ev-a']);
    } finally {
      await db.close();
      await dropSchema(schema);
    }
  });
});
