import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/domain/clock.js';
import { toPrivateKey } from '../../src/protocol/rsa.js';
import { type Running, startCoupond } from '../harness.js';
import { checkAnswer } from './expectations.js';
import { invariantViolations, issuedCoupons, openProbedStore, type SqlProbe } from './invariants.js';
import { type FuzzRoute, requestArbitrary } from './requests.js';
import { adminRoutes, componentRoutes, v3Routes } from './routes.js';
import { type Credentials, RawClient } from './send.js';
import { type Facts, learn, seedFacts, v3Examples } from './world.js';

/**
 * Property-based fuzzing of every HTTP API (docs/testing.md): requests generated from the TypeBox schemas, valid,
 * on the limits and hostile, signed like an SDK and sent to a real server on the adapter `COUPOND_TEST_STORE` picks.
 * `COUPOND_FUZZ_SEED` replays a run, `COUPOND_FUZZ_ROUTE` narrows it to routes whose name contains the text,
 * `COUPOND_FUZZ_SCALE` multiplies the number of requests.
 */
const SEED = Number(process.env.COUPOND_FUZZ_SEED ?? Date.now() % 2 ** 31);
const ONLY = process.env.COUPOND_FUZZ_ROUTE;
/** Multiplies the runs per route: below 1 for a quick local look, above 1 for a long hunt. */
const SCALE = Number(process.env.COUPOND_FUZZ_SCALE ?? 1);
const RUNS = { v3: 230, component: 300, admin: 40 } as const;
const MIN_REQUESTS = 5_000;
const adapter = process.env.COUPOND_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

let c: Running;
let probe: SqlProbe;
let client: RawClient;
/** Each route keeps its seed (`SEED` + its place in the full list) when `COUPOND_FUZZ_ROUTE` narrows the run. */
let routes: { route: FuzzRoute; seed: number }[];
let facts: Facts;
let cleanup = () => {};
/** Answers by route and status class, printed after the run: shows how deep the generated requests got. */
const statuses = new Map<string, Record<string, number>>();
const tally = (route: FuzzRoute, status: number) => {
  const row = statuses.get(route.name) ?? {};
  const key = `${Math.floor(status / 100)}xx`;
  row[key] = (row[key] ?? 0) + 1;
  statuses.set(route.name, row);
};

beforeAll(async () => {
  const opened = await openProbedStore();
  cleanup = opened.cleanup;
  c = await startCoupond({ store: opened.store });
  probe = await opened.probe();
  client = new RawClient(new URL(c.baseURL));
  facts = await seedFacts(c);
  routes = [...v3Routes(facts, v3Examples(c, facts)), ...componentRoutes(), ...adminRoutes()]
    .map((route, i) => ({ route, seed: SEED + i }))
    .filter(({ route }) => ONLY === undefined || route.name.includes(ONLY));
});

afterAll(async () => {
  client?.close();
  await probe?.close();
  await c?.close();
  cleanup();
});

describe(`fuzzing every endpoint from its schemas (${adapter}, COUPOND_FUZZ_SEED=${SEED})`, () => {
  it('answers every request below 500 and in the documented shape', async () => {
    const signer = {
      mchid: c.merchant.mchid,
      serial: c.merchant.serial,
      privateKey: toPrivateKey(c.merchant.privateKey),
    };
    const credentials = (route: FuzzRoute): Credentials =>
      route.surface === 'v3'
        ? { kind: 'signed', signer }
        : route.surface === 'admin'
          ? { kind: 'bearer', token: c.adminToken }
          : { kind: 'none' };
    const outcomes = await Promise.allSettled(
      routes.map(({ route, seed }) =>
        fc.assert(
          fc.asyncProperty(requestArbitrary(route, facts.world), async (request) => {
            const answer = await client.send(request, request.anonymous ? { kind: 'none' } : credentials(route));
            tally(route, answer.status);
            checkAnswer(route, request, answer, c.platform.publicKey);
            learn(facts, route.name, answer.status, answer.text);
          }),
          {
            numRuns: Math.max(1, Math.round(RUNS[route.surface] * SCALE)),
            seed,
            endOnFailure: true,
            includeErrorInReport: true,
          },
        ),
      ),
    );
    const failures = outcomes.flatMap((o, i) =>
      o.status === 'rejected' ? [`[${routes[i]!.route.name}] ${(o.reason as Error).message}`] : [],
    );
    if (failures.length > 0)
      throw new Error(
        `${failures.length} route(s) failed; replay with COUPOND_FUZZ_SEED=${SEED}\n\n${failures.join('\n\n')}`,
      );
    console.info(`fuzz (${adapter}): ${client.sent} requests, seed ${SEED}`);
    console.table(Object.fromEntries(statuses));
    if (ONLY === undefined && SCALE >= 1) expect(client.sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  }, 300_000);

  it('leaves the D-12 invariants intact: counters equal the issued rows, no cap exceeded', async () => {
    const issued = await issuedCoupons(probe);
    console.info(`fuzz (${adapter}): ${issued} user coupons in the store after the run`);
    expect(issued).toBeGreaterThan(0);
    expect(await invariantViolations(probe, shanghaiDay(c.clock.now()))).toEqual([]);
  });

  it('still answers after the run', async () => {
    expect((await fetch(`${c.baseURL}healthz`)).status).toBe(200);
  });
});
